package io.jenkins.plugins.deploygates.testing;

import io.jenkins.plugins.deploygates.engine.common.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile HTTP peer: it answers every request 200 with a JSON body that never ends, as fast as the client reads.
 * A client that reads whole bodies into memory runs out of it.
 */
public final class EndlessPeer implements AutoCloseable {
    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
            + "{\"messages\": [").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNK = chunk();
    private final ServerSocket listener;
    private final AtomicLong sent = new AtomicLong();
    private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("endless-peer"));

    public EndlessPeer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    private static byte[] chunk() {
        byte[] item = "{\"ID\": \"x\", \"To\": []},".getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[item.length * 2048];
        for (int i = 0; i < 2048; i++) {
            System.arraycopy(item, 0, chunk, i * item.length, item.length);
        }
        return chunk;
    }

    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Bytes written so far, to every client. */
    public long sent() {
        return sent.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                threads.execute(() -> flood(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void flood(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            readHead(in);
            out.write(HEAD);
            while (true) {
                out.write(CHUNK);
                sent.addAndGet(CHUNK.length);
            }
        } catch (IOException gone) {
            // the client stopped reading and closed: what a careful client does
        }
    }

    /** Reads up to the blank line that ends the request's head; a request body is left unread. */
    private static void readHead(InputStream in) throws IOException {
        byte[] last = new byte[4];
        int b;
        while ((b = in.read()) != -1) {
            System.arraycopy(last, 1, last, 0, 3);
            last[3] = (byte) b;
            if (Arrays.equals(last, new byte[] {'\r', '\n', '\r', '\n'})) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
