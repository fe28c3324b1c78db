package io.jenkins.plugins.deploygates.engine.railway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edge that refuses a body by its announced length answers 413 as soon as it has read the headers and closes the
 * connection while the client is still sending. That answer must read as the 413 advice, not as "the upload did not
 * complete".
 */
class UploadTooLargeTest {
    @TempDir
    Path dir;

    @Test
    void a413SentBeforeTheBodyIsReadIsReportedAsTooLarge() throws Exception {
        byte[] noise = new byte[8 * 1024 * 1024];
        new SplittableRandom(7).nextBytes(noise);
        Files.write(dir.resolve("big.bin"), noise); // incompressible: the archive is as big
        AtomicReference<String> contentLength = new AtomicReference<>();
        try (ServerSocket edge = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread server = new Thread(() -> refuseByLength(edge, contentLength), "edge");
            server.setDaemon(true);
            server.start();
            Uploader uploader = new Uploader(RailwayEndpoints.of("http://127.0.0.1:" + edge.getLocalPort()),
                    new RailwayToken(RailwayToken.Kind.PROJECT, FakeRailway.PROJECT_TOKEN), RailwayEndpoints.httpClient());
            RailwayTarget target = new RailwayTarget("p", "shop", "e", "production", "s", "api");

            assertThatThrownBy(() -> uploader.uploadDirectory(target, dir, dir, ArchiveOptions.defaults(), null,
                    ProgressLog.discard())).isInstanceOf(GateFailedException.class)
                    .hasMessageStartingWith("Railway rejected the upload as too large (HTTP 413, ")
                    .hasMessageEndingWith("add build output and dependencies to .railwayignore.");
            assertThat(Long.parseLong(contentLength.get())).isGreaterThan(noise.length);
        }
    }

    private static void refuseByLength(ServerSocket edge, AtomicReference<String> contentLength) {
        try (Socket s = edge.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    contentLength.set(line.substring(15).trim());
                }
            }
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 24\r\nConnection: close\r\n\r\n"
                    + "request entity too large").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.shutdownOutput();
            Thread.sleep(200);
        } catch (Exception e) {
            // the client went away
        }
    }
}
