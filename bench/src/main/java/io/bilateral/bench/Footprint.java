package io.bilateral.bench;

/** Samples both services' resident memory every 250 ms while the benchmarks run; keeps the most. */
final class Footprint {

    private final Target target;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile double maxEvent;
    private volatile double maxQuery;

    private Footprint(Target target) {
        this.target = target;
        this.sampler = new Thread(this::sample, "footprint");
        sampler.setDaemon(true);
    }

    static Footprint start(Target target) {
        Footprint f = new Footprint(target);
        f.sampler.start();
        return f;
    }

    private void sample() {
        while (running) {
            maxEvent = Math.max(maxEvent, Target.rssMb(target.eventPid()));
            maxQuery = Math.max(maxQuery, Target.rssMb(target.queryPid()));
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() throws InterruptedException {
        running = false;
        sampler.join();
    }

    double maxEventMb() {
        return maxEvent;
    }

    double maxQueryMb() {
        return maxQuery;
    }
}
