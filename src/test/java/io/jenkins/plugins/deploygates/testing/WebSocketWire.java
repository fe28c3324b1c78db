package io.jenkins.plugins.deploygates.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/** The server's side of a WebSocket on the wire (RFC 6455), for raw peers: the 101 answer and unmasked frames. */
public final class WebSocketWire {
    private WebSocketWire() {}

    /** The 101 answer to an upgrade request's head, accepting its key; {@code extraHeaders} end with CRLF each. */
    public static byte[] switchingProtocols(String requestHead, String extraHeaders) {
        String key = header(requestHead, "sec-websocket-key");
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A header's value in a request head, or null. */
    public static String header(String requestHead, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return requestHead.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()).trim()).orElse(null);
    }

    /** One final text frame holding {@code text}. */
    public static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(textFrameHead(payload.length));
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** The head of a final text frame announcing {@code length} bytes of payload (a terabyte, if the peer likes). */
    public static byte[] textFrameHead(long length) {
        if (length < 126) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length < 65_536) {
            return new byte[] {(byte) 0x81, 126, (byte) (length >> 8), (byte) length};
        }
        byte[] head = new byte[10];
        head[0] = (byte) 0x81;
        head[1] = 127;
        for (int i = 0; i < 8; i++) {
            head[9 - i] = (byte) (length >> (8 * i));
        }
        return head;
    }
}
