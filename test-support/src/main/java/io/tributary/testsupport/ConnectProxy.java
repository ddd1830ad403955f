package io.tributary.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback that understands {@code CONNECT host:port} (the tunnel HTTPS clients use),
 * optionally demanding {@code Proxy-Authorization: Basic}. Records the targets it tunnelled to.
 */
public final class ConnectProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String requiredAuthorization;
    private final List<String> tunnels = new CopyOnWriteArrayList<>();

    private ConnectProxy(String username, String password) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        requiredAuthorization = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        Thread acceptor = new Thread(this::accept, "connect-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy that demands these credentials; null username for none. */
    public static ConnectProxy start(String username, String password) throws IOException {
        return new ConnectProxy(username, password);
    }

    public String address() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** {@code host:port} of every tunnel opened. */
    public List<String> tunnels() {
        return List.copyOf(tunnels);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> handle(client), "connect-proxy-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String[] head = readHead(in).split("\r\n");
            String[] requestLine = head[0].split(" ");
            String authorization = null;
            for (String header : head) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("proxy-authorization:")) {
                    authorization = header.substring(header.indexOf(':') + 1).trim();
                }
            }
            if (!"CONNECT".equals(requestLine[0])) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            String target = requestLine[1];
            int colon = target.lastIndexOf(':');
            try (Socket upstream = new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))) {
                tunnels.add(target);
                out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread up = new Thread(() -> pipe(in, upstreamOut(upstream)), "connect-proxy-up");
                up.setDaemon(true);
                up.start();
                pipe(upstream.getInputStream(), out);
            }
        } catch (IOException ignored) {
            // the client or the target went away
        }
    }

    private static OutputStream upstreamOut(Socket socket) {
        try {
            return socket.getOutputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void pipe(InputStream in, OutputStream out) {
        byte[] buffer = new byte[16384];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            if (head.size() > 16384) {
                throw new IOException("request head too large");
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
