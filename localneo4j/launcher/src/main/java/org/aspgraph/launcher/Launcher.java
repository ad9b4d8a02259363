package org.aspgraph.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;

/**
 * Runs an embedded Neo4j Community DBMS as a Bolt server on 127.0.0.1.
 *
 * <pre>
 * java -cp 'target/neo4j-launcher.jar:target/lib/*' org.aspgraph.launcher.Launcher \
 *     --data DIR [--port 7687] [--pagecache 256m] [--exit-on-stdin-eof]
 * </pre>
 *
 * The password of the {@code neo4j} user is taken from the environment variable
 * {@code NEO4J_PASSWORD} (default {@code aspgraph-dev}) and set on every start,
 * without requiring a change. When the server accepts Bolt connections, exactly
 * one line {@code READY bolt://127.0.0.1:<port>} is printed to stdout. On failure the
 * error goes to stderr and the exit status is 1. SIGTERM/SIGINT shut the DBMS down
 * cleanly via a shutdown hook.
 */
public final class Launcher {

    static final String DEFAULT_PASSWORD = "aspgraph-dev";
    static final String USER = "neo4j";

    static final String USAGE = "usage: Launcher --data DIR [--port 7687] [--pagecache 256m] [--exit-on-stdin-eof]"
            + " (password from env NEO4J_PASSWORD, default " + DEFAULT_PASSWORD + ")";

    private static volatile DatabaseManagementService dbms;

    private Launcher() {}

    /** Parsed command-line options. */
    static final class Args {
        Path data;
        int port = 7687;
        String pagecache = "256m";
        boolean exitOnStdinEof;

        static Args parse(String[] argv) {
            Args a = new Args();
            for (int i = 0; i < argv.length; i++) {
                String arg = argv[i];
                switch (arg) {
                    case "--data" -> a.data = Path.of(value(argv, ++i, arg));
                    case "--port" -> {
                        String v = value(argv, ++i, arg);
                        try {
                            a.port = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("invalid --port: " + v);
                        }
                        if (a.port < 1 || a.port > 65535) {
                            throw new IllegalArgumentException("--port out of range: " + v);
                        }
                    }
                    case "--pagecache" -> a.pagecache = value(argv, ++i, arg);
                    case "--exit-on-stdin-eof" -> a.exitOnStdinEof = true;
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            if (a.data == null) {
                throw new IllegalArgumentException("missing required argument --data DIR");
            }
            return a;
        }

        private static String value(String[] argv, int i, String flag) {
            if (i >= argv.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            return argv[i];
        }
    }

    public static void main(String[] argv) {
        // Keep a private handle on the real stdout: only the READY line goes there.
        PrintStream out = System.out;
        try {
            run(Args.parse(argv), out);
        } catch (IllegalArgumentException e) {
            System.err.println("neo4j-launcher: " + e.getMessage());
            System.err.println(USAGE);
            System.err.flush();
            System.exit(1);
        } catch (Throwable t) {
            // Trace first, summary last: callers typically keep only the tail of the output.
            t.printStackTrace(System.err);
            System.err.println("neo4j-launcher: FAILED: " + rootMessages(t));
            System.err.flush();
            System.exit(1);
        }
    }

    private static void run(Args a, PrintStream out) throws Exception {
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = DEFAULT_PASSWORD;
        }
        long pagecacheBytes;
        try {
            pagecacheBytes = ByteUnit.parse(a.pagecache);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid --pagecache: " + a.pagecache, e);
        }

        Path home = a.data.toAbsolutePath().normalize();
        Files.createDirectories(home);

        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::shutdown, "neo4j-launcher-shutdown"));

        if (a.exitOnStdinEof) {
            Thread t = new Thread(Launcher::exitOnStdinEof, "neo4j-launcher-stdin-watch");
            t.setDaemon(true);
            t.start();
        }

        dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", a.port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.initial_default_database, GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheBytes)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ZERO) // 0 = no timeout
                .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                // Keep the disk footprint small: few, small, non-preallocated tx log files.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Internal setting: Bolt's two Netty event loop groups each wait out this quiet
                // period (default 5 s) on shutdown; nothing is in flight once we stop, so skip it.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();

        setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofSeconds(60).toMillis())) {
            throw new IllegalStateException("database 'neo4j' did not become available");
        }

        out.println("READY bolt://127.0.0.1:" + a.port);
        out.flush();

        // Neo4j's own threads keep the JVM alive; park main until the JVM exits.
        new CountDownLatch(1).await();
    }

    /**
     * Sets the neo4j user's password without requiring a change. Idempotent: Neo4j
     * refuses to set a password equal to the current one, in which case only the
     * change-required flag is cleared.
     */
    static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (QueryExecutionException e) {
            if (!isSamePasswordError(e)) {
                // Never include the password; Neo4j's message does not contain it.
                throw new IllegalStateException(
                        "setting the password of user '" + USER + "' failed (" + e.getStatusCode() + ")", e);
            }
            system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    /** The chain of exception messages, outermost first, without duplicates. */
    static String rootMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        String last = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null ? c.getClass().getName() : c.getMessage();
            if (!m.equals(last)) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(m);
                last = m;
            }
        }
        return sb.toString();
    }

    private static boolean isSamePasswordError(QueryExecutionException e) {
        String msg = String.valueOf(e.getMessage()).toLowerCase();
        return msg.contains("old password and new password cannot be the same");
    }

    private static void exitOnStdinEof() {
        InputStream in = System.in;
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // treat a broken stdin like EOF
        }
        System.err.println("neo4j-launcher: stdin closed, shutting down");
        System.exit(0);
    }

    private static synchronized void shutdown() {
        DatabaseManagementService s = dbms;
        dbms = null;
        if (s != null) {
            try {
                s.shutdown();
            } catch (Throwable t) {
                System.err.println("neo4j-launcher: shutdown failed: " + t);
            }
        }
    }
}
