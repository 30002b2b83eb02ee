package dev.grok2api.benchmarks;

/**
 * The baseline process of {@link RelayBench}: a JVM that starts a trivial main from a jar and exits ({@code exit}),
 * or prints one line and idles until it is killed, so its resident memory can be read.
 */
public final class IdleJvm {
    private IdleJvm() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("exit")) {
            return;
        }
        System.out.println("up");
        System.out.flush();
        Thread.currentThread().join(); // until the benchmark kills it
    }
}
