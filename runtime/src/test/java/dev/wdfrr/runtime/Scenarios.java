package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.event.NameKind;

import java.util.ArrayList;
import java.util.List;

/** Test helpers: run a lambda as a scenario and look at what it recorded. */
final class Scenarios {
    private Scenarios() {
    }

    @FunctionalInterface
    interface Body {
        void run(WdfRuntime rt) throws Exception;
    }

    /** The outcome of a run plus everything it recorded. */
    record Recorded(RunResult result, MemorySink sink) {
        List<Event> events() {
            return sink.events();
        }

        List<Event> of(EventType type) {
            return sink.events(type);
        }

        /** Event types in order, names left out. */
        List<EventType> types() {
            List<EventType> out = new ArrayList<>();
            for (Event e : sink.events()) {
                if (e.type() != EventType.NAME) {
                    out.add(e.type());
                }
            }
            return out;
        }

        List<Rule> violations() {
            List<Rule> out = new ArrayList<>();
            for (Event e : sink.events(EventType.VIOLATION)) {
                out.add(Rule.ofId((int) e.arg()));
            }
            return out;
        }

        String text(int stringId) {
            return sink.nameOf(NameKind.STRING, stringId);
        }
    }

    static Scenario of(Body body) {
        return new Scenario() {
            @Override
            public String id() {
                return "test";
            }

            @Override
            public String description() {
                return "a test body";
            }

            @Override
            public void run(WdfRuntime rt, Parameters params) throws Exception {
                body.run(rt);
            }

            @Override
            public String checkInvariant() {
                return null;
            }
        };
    }

    static Recorded run(Body body) {
        return run(RunConfig.builder(), body);
    }

    static Recorded run(RunConfig.Builder config, Body body) {
        MemorySink sink = new MemorySink();
        RunResult result = WdfRunner.run(of(body), config.sink(sink).stallTimeoutNanos(20_000_000_000L).build());
        if (result.cause() instanceof AssertionError failed) {
            throw failed; // an assertion inside the scenario body failed: report it as the test failure
        }
        return new Recorded(result, sink);
    }
}
