package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveOptions;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small {@code -Xmx} by {@link LargeUploadHeapTest}: uploads a directory to the fake
 * server and prints what it sent and the heap's peak use. If the archive were held in memory, it would die
 * with OutOfMemoryError.
 */
public final class HeapBoundedUpload {
    private HeapBoundedUpload() {}

    public static void main(String[] args) throws Exception {
        RailwayTarget target = new RailwayTarget(FakeRailway.PROJECT_ID, "shop", FakeRailway.ENV_ID, "production",
                FakeRailway.SERVICE_ID, "api");
        Uploader uploader = new Uploader(RailwayEndpoints.of(args[0]),
                new RailwayToken(RailwayToken.Kind.PROJECT, FakeRailway.PROJECT_TOKEN), RailwayEndpoints.httpClient());
        Uploader.Uploaded up = uploader.uploadDirectory(target, Path.of(args[1]), Path.of(args[1]),
                ArchiveOptions.defaults(), null, ProgressLog.discard());
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("files=" + up.files() + " sent=" + up.archiveBytes() + " peakHeap=" + peak
                + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
