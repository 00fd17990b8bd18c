package dev.wdfrr.replayer;

import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.WdfRuntime;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects a test method asks for by parameter type, made the same way in a JUnit run and
 * in a command-line replay of its trace: the {@link WdfRuntime} itself, a {@link WdfDevice}
 * named {@code test-device}, and a {@link VirtualDevice} named {@code test-hardware} (periodic
 * arrivals that set {@link VirtualDevice#STATUS} and push the arrival index into FIFO {@code data};
 * not started). A device the method leaves is removed after it returns, so that a test need not.
 */
public final class TestFixtures {
    private final List<WdfDevice> created = new ArrayList<>();
    private WdfRuntime runtime;

    /** Makes the arguments for {@code method}'s parameters. */
    public Object[] arguments(WdfRuntime rt, Method method, int arrivals, long periodNanos) {
        runtime = rt;
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = argument(rt, types[i], arrivals, periodNanos);
        }
        return args;
    }

    /** True for the parameter types this class can supply. */
    public static boolean supports(Class<?> type) {
        return type == WdfRuntime.class || type == WdfDevice.class || type == VirtualDevice.class;
    }

    private Object argument(WdfRuntime rt, Class<?> type, int arrivals, long periodNanos) {
        if (type == WdfRuntime.class) {
            return rt;
        }
        if (type == WdfDevice.class) {
            WdfDevice d = rt.createDevice(DeviceConfig.named("test-device"));
            created.add(d);
            return d;
        }
        if (type == VirtualDevice.class) {
            return rt.createVirtualDevice(VirtualDeviceConfig.of("test-hardware", new InterruptSource.Periodic(periodNanos),
                    (hw, i) -> {
                        hw.fifo("data").push(i);
                        hw.write(VirtualDevice.STATUS, 1);
                    }).maxArrivals(arrivals).fifos("data"));
        }
        throw new IllegalArgumentException("no wdfrr value for a parameter of type " + type.getName());
    }

    /** Removes the devices made for the method that it did not remove itself (the framework deletes them). */
    public void cleanUp() {
        for (WdfDevice d : created) {
            if (!d.isDeleted()) {
                runtime.removeDevice(d);
            }
        }
    }
}
