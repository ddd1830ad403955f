package io.tributary.fetcher.source.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.PasswordAuthentication;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.URL;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * JGit's HTTP connection over {@link HttpURLConnection}, with what one GitRepository needs and JGit's own
 * connection does not offer per repository: its TLS material, its proxy and the proxy's credentials.
 */
final class GitHttpConnection implements HttpConnection {

    static {
        // Basic proxy authentication for CONNECT tunnels is off in the JDK unless this is set before first use.
        if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
            System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
        }
    }

    /** How long the TLS probe after a failed request waits for the server's alert. */
    private static final int PROBE_TIMEOUT_MILLIS = 3_000;

    private final HttpURLConnection connection;
    private final boolean direct;

    private GitHttpConnection(URL url, Proxy proxy, GitAuth auth) throws IOException {
        connection = (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxy));
        direct = proxy == null || proxy.type() == Proxy.Type.DIRECT;
        if (connection instanceof HttpsURLConnection https && auth.tls() != null) {
            https.setSSLSocketFactory(auth.tls().sslContext().getSocketFactory());
        }
        GitAuth.GitProxy configured = auth.proxy();
        if (configured != null && configured.username() != null) {
            connection.setAuthenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() == RequestorType.PROXY
                            ? new PasswordAuthentication(configured.username(), configured.password().toCharArray()) : null;
                }
            });
        }
    }

    /** A factory for one transport: uses the configured proxy instead of the JVM's, and the configured TLS. */
    static HttpConnectionFactory factory(GitAuth auth) {
        Proxy configured = auth.proxy() == null ? null
                : new Proxy(Proxy.Type.HTTP, new java.net.InetSocketAddress(auth.proxy().host(), auth.proxy().port()));
        return new HttpConnectionFactory() {
            @Override
            public HttpConnection create(URL url) throws IOException {
                return new GitHttpConnection(url, configured, auth);
            }

            @Override
            public HttpConnection create(URL url, Proxy proxy) throws IOException {
                return new GitHttpConnection(url, configured != null ? configured : proxy, auth);
            }
        };
    }

    @Override
    public int getResponseCode() throws IOException {
        try {
            return connection.getResponseCode();
        } catch (IOException e) {
            throw diagnosed(e);
        }
    }

    /**
     * Under TLS 1.3 a server that refuses the client's certificate says so after the handshake, and the
     * request racing its alert may only see a closed socket ("Error writing to server"). A fresh handshake
     * that waits for the server's first word tells the two apart, so a missing or refused client
     * certificate is reported as such and not as a broken connection.
     */
    private IOException diagnosed(IOException failure) {
        if (failure instanceof SSLException || !direct || !(connection instanceof HttpsURLConnection https)) {
            return failure;
        }
        URL url = connection.getURL();
        int port = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
        SSLSocketFactory factory = https.getSSLSocketFactory();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(url.getHost(), port), PROBE_TIMEOUT_MILLIS);
            plain.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            try (SSLSocket tls = (SSLSocket) factory.createSocket(plain, url.getHost(), port, false)) {
                tls.startHandshake();
                tls.getInputStream().read();
            }
        } catch (SSLException refused) {
            SSLException named = new SSLHandshakeException(refused.getMessage());
            named.initCause(failure);
            return named;
        } catch (IOException | RuntimeException inconclusive) {
            failure.addSuppressed(inconclusive);
        }
        return failure;
    }

    @Override
    public URL getURL() {
        return connection.getURL();
    }

    @Override
    public String getResponseMessage() throws IOException {
        return connection.getResponseMessage();
    }

    @Override
    public Map<String, List<String>> getHeaderFields() {
        return connection.getHeaderFields();
    }

    @Override
    public void setRequestProperty(String key, String value) {
        connection.setRequestProperty(key, value);
    }

    @Override
    public void setRequestMethod(String method) throws ProtocolException {
        connection.setRequestMethod(method);
    }

    @Override
    public void setUseCaches(boolean useCaches) {
        connection.setUseCaches(useCaches);
    }

    @Override
    public void setConnectTimeout(int timeout) {
        connection.setConnectTimeout(timeout);
    }

    @Override
    public void setReadTimeout(int timeout) {
        connection.setReadTimeout(timeout);
    }

    @Override
    public String getContentType() {
        return connection.getContentType();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        try {
            return connection.getInputStream();
        } catch (IOException e) {
            throw diagnosed(e);
        }
    }

    @Override
    public String getHeaderField(String name) {
        return connection.getHeaderField(name);
    }

    @Override
    public List<String> getHeaderFields(String name) {
        return connection.getHeaderFields().entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    @Override
    public int getContentLength() {
        return connection.getContentLength();
    }

    @Override
    public void setInstanceFollowRedirects(boolean followRedirects) {
        connection.setInstanceFollowRedirects(followRedirects);
    }

    @Override
    public void setDoOutput(boolean doOutput) {
        connection.setDoOutput(doOutput);
    }

    @Override
    public void setFixedLengthStreamingMode(int contentLength) {
        connection.setFixedLengthStreamingMode(contentLength);
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return connection.getOutputStream();
    }

    @Override
    public void setChunkedStreamingMode(int chunklen) {
        connection.setChunkedStreamingMode(chunklen);
    }

    @Override
    public String getRequestMethod() {
        return connection.getRequestMethod();
    }

    @Override
    public boolean usingProxy() {
        return connection.usingProxy();
    }

    @Override
    public void connect() throws IOException {
        connection.connect();
    }

    @Override
    public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws NoSuchAlgorithmException, KeyManagementException {
        if (connection instanceof HttpsURLConnection https) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(km, tm, random);
            https.setSSLSocketFactory(context.getSocketFactory());
        }
    }

    @Override
    public void setHostnameVerifier(HostnameVerifier verifier) {
        if (connection instanceof HttpsURLConnection https) {
            https.setHostnameVerifier(verifier);
        }
    }
}
