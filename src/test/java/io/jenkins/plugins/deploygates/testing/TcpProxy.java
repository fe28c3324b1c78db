package io.jenkins.plugins.deploygates.testing;

import io.jenkins.plugins.deploygates.engine.common.DaemonThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a real server (an IMAP server, say) that shows what a client does on the wire:
 * how many connections it opens and what it sends. It can also stop passing the server's answers on, as a server
 * that stops answering mid-session would.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("tcp-proxy"));
    private final AtomicInteger connections = new AtomicInteger();
    private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;

    private TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public static TcpProxy to(int targetPort) throws IOException {
        return new TcpProxy(targetPort);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** Everything clients sent, as text (IMAP is text until TLS starts). */
    public String clientText() {
        synchronized (fromClient) {
            return fromClient.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** From now on the server's answers are held back, forever. */
    public void stall() {
        stalled = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                connections.incrementAndGet();
                threads.execute(() -> pump(client, server, true));
                threads.execute(() -> pump(server, client, false));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientToServer) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (clientToServer) {
                    synchronized (fromClient) {
                        fromClient.write(buffer, 0, n);
                    }
                } else {
                    while (stalled) {
                        Thread.sleep(50);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side went away, or the proxy closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(TcpProxy::closeQuietly);
        threads.shutdownNow();
    }
}
