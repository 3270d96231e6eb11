package dev.marketdata.adapters.out.nats;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context jnats asks for a socket factory at every (re)connect: each answer reads the files
 * again, so that certificates rotated in place are used from the next connection on. jnats checks
 * no host names; every socket made here does.
 */
final class ReloadingSslContext extends SSLContext {

  /** Creates the context. */
  ReloadingSslContext(NatsTls tls, Consumer<TlsFiles.Material> onRead)
      throws GeneralSecurityException {
    this(new Spi(tls, onRead, SSLContext.getInstance("TLS")));
  }

  private ReloadingSslContext(Spi spi) {
    super(spi, spi.sessions.getProvider(), "TLS");
  }

  private static final class Spi extends SSLContextSpi {
    private final NatsTls tls;
    private final Consumer<TlsFiles.Material> onRead;
    private final SSLContext sessions;

    Spi(NatsTls tls, Consumer<TlsFiles.Material> onRead, SSLContext sessions) {
      this.tls = tls;
      this.onRead = onRead;
      this.sessions = sessions;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {}

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      try {
        TlsFiles.Material material = TlsFiles.read(tls);
        onRead.accept(material);
        return new HostVerifyingSocketFactory(material.sslContext().getSocketFactory(), null);
      } catch (TlsFiles.Unusable | GeneralSecurityException e) {
        // Thrown at the connect that needs it, which jnats then retries like any failed connect.
        return new HostVerifyingSocketFactory(null, new SSLException(e.getMessage()));
      }
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw new UnsupportedOperationException("a client context");
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw new UnsupportedOperationException("jnats connects through sockets");
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw new UnsupportedOperationException("jnats connects through sockets");
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return sessions.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return sessions.getClientSessionContext();
    }
  }

  /** Makes sockets that check the server's host name, or fails every one when files are bad. */
  private static final class HostVerifyingSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final SSLException failure;

    HostVerifyingSocketFactory(SSLSocketFactory delegate, SSLException failure) {
      this.delegate = delegate;
      this.failure = failure;
    }

    private Socket verifying(Socket socket) {
      SSLSocket tlsSocket = (SSLSocket) socket;
      SSLParameters parameters = tlsSocket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tlsSocket.setSSLParameters(parameters);
      return tlsSocket;
    }

    private SSLSocketFactory delegate() throws SSLException {
      if (failure != null) {
        throw failure;
      }
      return delegate;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate == null ? new String[0] : delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate == null ? new String[0] : delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
        throws IOException {
      return verifying(delegate().createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return verifying(delegate().createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return verifying(delegate().createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return verifying(delegate().createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return verifying(delegate().createSocket(address, port, localAddress, localPort));
    }
  }
}
