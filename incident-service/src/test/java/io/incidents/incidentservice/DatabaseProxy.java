package io.incidents.incidentservice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the test PostgreSQL, so a test can take the database away from one
 * service as an outage would: {@link #cut()} drops every open connection and refuses new ones
 * (connection refused, as from a stopped server), {@link #stall()} keeps every connection open
 * and accepts new ones but passes nothing on (a server stopped with SIGSTOP, a network black
 * hole), {@link #restore()} brings it back on the same port, passing on what was held. The real
 * server, which other tests share, is never touched.
 */
public final class DatabaseProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private boolean stalled;

    private DatabaseProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** A proxy to the server of a {@code jdbc:postgresql://host:port/...} URL. */
    public static DatabaseProxy to(String jdbcUrl) {
        String hostPort = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2).split("[/?]", 2)[0];
        int colon = hostPort.lastIndexOf(':');
        return new DatabaseProxy(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The same URL, through this proxy. */
    public String route(String jdbcUrl) {
        String hostPort = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2).split("[/?]", 2)[0];
        return jdbcUrl.replace("//" + hostPort, "//127.0.0.1:" + port);
    }

    /** The database goes away: open connections break, new ones are refused. */
    public synchronized void cut() {
        closeQuietly(listener);
        listener = null;
        open.forEach(DatabaseProxy::closeQuietly);
        open.clear();
    }

    /** The database stops answering: connections stay open, new ones are accepted, nothing gets through. */
    public synchronized void stall() {
        stalled = true;
    }

    /** The database is back, on the same address. */
    public synchronized void restore() {
        stalled = false;
        notifyAll();
        if (listener == null) {
            listener = listen(port);
            accept(listener);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    private void accept(ServerSocket server) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    synchronized (this) {
                        // A connection accepted just before a cut must not outlive it.
                        if (listener != server) {
                            closeQuietly(client);
                            continue;
                        }
                        Socket upstream = new Socket(targetHost, targetPort);
                        open.add(client);
                        open.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    }
                } catch (IOException e) {
                    // closed by cut(), or one connection failed: the client sees its socket close
                }
            }
        }, "database-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    awaitNotStalled();
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // a side closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "database-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private synchronized void awaitNotStalled() throws InterruptedException {
        while (stalled) {
            wait();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
