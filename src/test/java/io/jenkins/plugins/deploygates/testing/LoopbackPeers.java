package io.jenkins.plugins.deploygates.testing;

import io.jenkins.plugins.deploygates.engine.common.DaemonThreads;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Raw loopback servers for hostile peers that no HTTP library would play: each connection's request head is read and
 * handed to a conversation that writes whatever it likes (an endless body, a WebSocket frame of a terabyte), until it
 * returns or the client goes away.
 */
public final class LoopbackPeers implements AutoCloseable {
    /** What a peer does with one connection, once the request head has been read. */
    public interface Conversation {
        void talk(InputStream in, OutputStream out, String requestHead) throws Exception;
    }

    private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("loopback-peer"));
    private final List<ServerSocket> sockets = new ArrayList<>();

    /** Starts a server on a free loopback port and returns the port. */
    public synchronized int serve(Conversation conversation) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sockets.add(server);
        threads.submit(() -> {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                threads.submit(() -> {
                    try (socket) {
                        InputStream in = socket.getInputStream();
                        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
                        conversation.talk(in, out, readHead(in));
                        out.flush();
                    } catch (Exception clientWentAway) {
                        // what ends every flood
                    }
                    return null;
                });
            }
            return null;
        });
        return server.getLocalPort();
    }

    /** The request line and headers, up to the blank line; a body is left in {@code in}. */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public synchronized void close() throws IOException {
        for (ServerSocket s : sockets) {
            s.close();
        }
        threads.shutdownNow();
    }
}
