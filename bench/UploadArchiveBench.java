import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchivePlan;
import io.jenkins.plugins.deploygates.engine.railway.upload.TarGzWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The upload archive of a generated tree, for bench/run upload. Modes:
 * <ul>
 *   <li>{@code generate DIR}: a deterministic 50,000-file, 500 MiB tree: source-like text, incompressible assets,
 *   and content the upload must drop (node_modules, .git, paths named in .railwayignore and .gitignore files);</li>
 *   <li>{@code list DIR FILE}: the entries the upload keeps, one per line, so tar archives the same set;</li>
 *   <li>{@code archive DIR OUT}: walk with the ignore rules and write the tar.gz as the upload does; prints wall
 *   time, CPU time and the heap's peak.</li>
 * </ul>
 */
public final class UploadArchiveBench {
    private static final long TOTAL_BYTES = 500L * 1024 * 1024;
    private static final int TEXT_FILES = 40_000;
    private static final int ASSETS = 1_000;
    private static final int NODE_MODULES = 6_000;
    private static final int GIT_OBJECTS = 2_000;
    private static final int DIST = 500;
    private static final int LOGS = 495;

    private static long written;
    private static int files;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]));
            case "list" -> list(Path.of(args[1]), Path.of(args[2]));
            case "archive" -> archive(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("generate|list|archive");
        }
    }

    private static void archive(Path dir, Path out) throws IOException {
        long start = System.nanoTime();
        ArchivePlan plan = ArchivePlan.of(dir, ProgressLog.discard());
        long planned = System.nanoTime();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
            new TarGzWriter().write(plan, file);
        }
        long end = System.nanoTime();
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long gcs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += gc.getCollectionCount();
        }
        System.out.printf(Locale.ROOT, "ours: entries=%d files=%d bytes=%d archive=%d walk=%.2fs total=%.2fs"
                        + " cpu=%.2fs (main thread %.2fs) peakHeap=%.1fMiB maxHeap=%.0fMiB gcs=%d%n",
                plan.entries().size(), plan.fileCount(), plan.totalBytes(), Files.size(out), (planned - start) / 1e9,
                (end - start) / 1e9, cpu / 1e9, threadCpu("main") / 1e9,
                peakHeap() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0, gcs);
    }

    /** CPU time of the live threads whose name contains {@code part} (the gzip workers are gone by now). */
    private static long threadCpu(String part) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(part)) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /** Sum of the heap pools' peaks: at least the true simultaneous peak, so a safe upper bound. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void list(Path dir, Path out) throws IOException {
        ArchivePlan plan = ArchivePlan.of(dir, ProgressLog.discard());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            plan.entries().forEach(e -> w.print(e.name() + "\n"));
        }
        System.out.printf(Locale.ROOT, "kept: %d entries, %d files, %.1f MiB%n", plan.entries().size(),
                plan.fileCount(), plan.totalBytes() / 1048576.0);
    }

    private static void generate(Path root) throws IOException {
        SplittableRandom random = new SplittableRandom(20261124);
        String[] identifiers = identifiers(random, 3000);
        write(root.resolve(".railwayignore"), "dist/\n*.tmp\n".getBytes(StandardCharsets.UTF_8));
        write(root.resolve(".gitignore"), "logs/\n*.log\n".getBytes(StandardCharsets.UTF_8));
        write(root.resolve("src/mod07/.gitignore"), "*.generated.java\n!keep.generated.java\n"
                .getBytes(StandardCharsets.UTF_8));
        write(root.resolve("src/mod07/drop.generated.java"), source(random, identifiers, 4000));
        write(root.resolve("src/mod07/keep.generated.java"), source(random, identifiers, 4000));
        for (int i = 0; i < TEXT_FILES; i++) {
            write(root.resolve(String.format(Locale.ROOT, "src/mod%02d/pkg%02d/File%05d.java", i % 50, i / 50 % 20,
                    i)), source(random, identifiers, 1000 + random.nextInt(10_000)));
        }
        for (int i = 0; i < NODE_MODULES; i++) {
            write(root.resolve(String.format(Locale.ROOT, "node_modules/lib%03d/dist/m%04d.js", i % 300, i)),
                    source(random, identifiers, 500 + random.nextInt(9000)));
        }
        for (int i = 0; i < GIT_OBJECTS; i++) {
            write(root.resolve(String.format(Locale.ROOT, ".git/objects/%02x/%038x", i % 256, (long) i)),
                    noise(random, 2000 + random.nextInt(16_000)));
        }
        for (int i = 0; i < DIST; i++) {
            write(root.resolve(String.format(Locale.ROOT, "dist/chunk-%04d.js", i)),
                    source(random, identifiers, 5000 + random.nextInt(30_000)));
        }
        for (int i = 0; i < LOGS; i++) {
            write(root.resolve(String.format(Locale.ROOT, "logs/app-%03d.log", i)),
                    source(random, identifiers, 1000 + random.nextInt(10_000)));
        }
        long perAsset = (TOTAL_BYTES - written) / ASSETS;
        for (int i = 0; i < ASSETS; i++) {
            long size = i == ASSETS - 1 ? TOTAL_BYTES - written : perAsset;
            write(root.resolve(String.format(Locale.ROOT, "assets/img%02d/a%04d.bin", i % 20, i)),
                    noise(random, (int) size));
        }
        System.out.printf(Locale.ROOT, "generated %s: %d files, %d bytes (%.1f MiB)%n", root, files, written,
                written / 1048576.0);
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        written += content.length;
        files++;
    }

    private static byte[] noise(SplittableRandom random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** Code-like lines: indentation, keywords, identifiers from a project-wide pool, numbers. */
    private static byte[] source(SplittableRandom random, String[] identifiers, int length) {
        String[] keywords = {"public", "private", "final", "static", "return", "if", "else", "for", "new", "void",
            "int", "String", "long", "this", "null", "throw", "import", "class", "while", "boolean"};
        String[] punctuation = {"(", ")", " {", "}", ";", " = ", ".", ", ", " + ", " == ", "[]"};
        StringBuilder sb = new StringBuilder(length + 100);
        while (sb.length() < length) {
            sb.append("    ".repeat(random.nextInt(4)));
            int tokens = 2 + random.nextInt(8);
            for (int t = 0; t < tokens; t++) {
                int kind = random.nextInt(10);
                if (kind < 3) {
                    sb.append(keywords[random.nextInt(keywords.length)]).append(' ');
                } else if (kind < 8) {
                    sb.append(identifiers[(int) Math.min(identifiers.length - 1,
                            Math.abs(random.nextGaussian()) * identifiers.length / 4)]);
                } else if (kind < 9) {
                    sb.append(random.nextInt(100_000));
                }
                sb.append(punctuation[random.nextInt(punctuation.length)]);
            }
            sb.append('\n');
        }
        sb.setLength(length);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String[] identifiers(SplittableRandom random, int count) {
        String[] parts = {"deploy", "gate", "health", "upload", "archive", "service", "client", "request", "token",
            "record", "state", "config", "value", "result", "handler", "stream", "entry", "path", "name", "count"};
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(parts[random.nextInt(parts.length)]);
            for (int p = random.nextInt(3); p >= 0; p--) {
                String part = parts[random.nextInt(parts.length)];
                sb.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
            }
            ids[i] = sb.append(random.nextInt(1000)).toString();
        }
        return ids;
    }
}
