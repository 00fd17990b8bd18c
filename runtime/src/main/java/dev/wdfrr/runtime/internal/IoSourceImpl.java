package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.IoSource;
import dev.wdfrr.runtime.hw.IoSourceConfig;
import dev.wdfrr.runtime.hw.Requester;

import java.util.ArrayList;

/** A virtual I/O source's state: its requesters and their threads. {@link IoSources} runs it. */
final class IoSourceImpl extends ObjectImpl implements IoSource {
    private final IoSources sources;
    final IoSourceConfig config;
    final ArrayList<RequesterImpl> requesters = new ArrayList<>();
    boolean started;
    boolean stopRequested;
    int running;

    IoSourceImpl(IoSources sources, Lifetime lifetime, int id, IoSourceConfig config) {
        super(lifetime, id, config.name(), ObjectKind.IO_SOURCE, null, null, null);
        this.sources = sources;
        this.config = config;
    }

    @Override
    public void start() {
        sources.start(this);
    }

    @Override
    public void stop() {
        sources.stop(this);
    }

    @Override
    public long sent() {
        long n = 0;
        for (RequesterImpl r : requesters) {
            n += r.sent;
        }
        return n;
    }

    @Override
    public Requester requester(int i) {
        return requesters.get(i);
    }

    @Override
    public void delete() {
        throw new UnsupportedOperationException("an I/O source is outside the driver: stop() it instead");
    }
}
