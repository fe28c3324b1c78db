package io.jenkins.plugins.deploygates.engine.smoke.mail;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real MailDev (test-tools/maildev, installed by the Maven build's {@code npm install}) on free loopback ports, started per test class
 * and stopped by its own process handle.
 */
final class MailDevProcess implements AutoCloseable {
    static final Path HOME = Path.of("test-tools", "maildev");
    static final Path BIN = HOME.resolve("node_modules/maildev/dist/bin/maildev.js");
    private final Process process;
    final int smtpPort;
    final int webPort;

    private MailDevProcess(Process process, int smtpPort, int webPort) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.webPort = webPort;
    }

    /** Whether a {@code node} executable is on the PATH. */
    static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static MailDevProcess start(Path mailDir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(BIN)) {
            throw new IllegalStateException("MailDev is not installed: run 'npm install --prefix test-tools/maildev' (the Maven build does it)");
        }
        int smtp = freePort();
        int web = freePort();
        Process p = new ProcessBuilder("node", BIN.toString(), "--smtp", Integer.toString(smtp), "--web",
                Integer.toString(web), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory",
                mailDir.toString(), "--silent")
                .redirectErrorStream(true).redirectOutput(new File(mailDir.toFile(), "maildev.log")).start();
        MailDevProcess mailDev = new MailDevProcess(p, smtp, web);
        mailDev.awaitReady();
        return mailDev;
    }

    private void awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("MailDev exited with " + process.exitValue());
            }
            if (healthy()) {
                return;
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("MailDev did not answer /api/healthz within 20s");
    }

    private boolean healthy() {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + webPort + "/api/healthz").openConnection();
            c.setConnectTimeout(200);
            c.setReadTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
