package io.ubi.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.IntSupplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker in this JVM: KRaft mode (broker and controller in one node), loopback only,
 * its log under the data directory so a second run resumes with the same topics and offsets.
 */
public final class EmbeddedKafka implements AutoCloseable {
  /** Beside the log: the address of the broker running on it, for other ubi commands. */
  private static final String BOOTSTRAP_FILE = "bootstrap";

  /** How many starts on freshly picked ports may each find one of them taken before it gives up. */
  static final int BIND_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final String bootstrap;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrap) {
    this.server = server;
    this.bootstrap = bootstrap;
  }

  /**
   * Starts a broker on {@code port} (0 picks a free one) with its log under {@code dir}. A port
   * picked here (the controller's always) is only known to be free when probed: another process may
   * bind it before the broker does, so a start that fails to bind one is tried again on fresh ones.
   * A given port is kept: if something else holds it, the start fails and says so.
   */
  public static EmbeddedKafka start(Path dir, int port) {
    return start(dir, port, EmbeddedKafka::freePort);
  }

  /** {@code freePorts}: the ports picked, in turn; the broker's first when {@code port} is 0. */
  static EmbeddedKafka start(Path dir, int port, IntSupplier freePorts) {
    for (int attempt = 1; ; attempt++) {
      int brokerPort = port == 0 ? freePorts.getAsInt() : port;
      int controllerPort = freePorts.getAsInt();
      try {
        return startOn(dir, brokerPort, controllerPort);
      } catch (RuntimeException e) {
        if (!failedToBind(e)) {
          throw e;
        }
        if (port != 0 && !isFree(port)) {
          throw new IllegalStateException(
              "Cannot start the embedded Kafka broker: port "
                  + port
                  + " (kafka.port) is in use. Stop what holds it, or set kafka.port to another port,"
                  + " or to 0 for any free one.",
              e);
        }
        if (attempt == BIND_ATTEMPTS) {
          throw new IllegalStateException(
              "Cannot start the embedded Kafka broker: the ports it"
                  + " picked were taken before it could bind them, "
                  + BIND_ATTEMPTS
                  + " times in a"
                  + " row",
              e);
        }
      }
    }
  }

  private static EmbeddedKafka startOn(Path dir, int brokerPort, int controllerPort) {
    try {
      Files.createDirectories(dir);
      Path logDir = dir.resolve("log");
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", "1");
      p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
      p.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
      p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("log.dirs", logDir.toString());
      p.put("num.partitions", "2");
      p.put("offsets.topic.replication.factor", "1");
      p.put("offsets.topic.num.partitions", "2");
      p.put("transaction.state.log.replication.factor", "1");
      p.put("transaction.state.log.min.isr", "1");
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("auto.create.topics.enable", "false");
      p.put("log.retention.hours", "168");
      p.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
      Path props = dir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(props)) {
        p.store(out, "embedded UBI broker");
      }
      String clusterId = clusterId(dir);
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      int rc =
          kafka.tools.StorageTool.execute(
              new String[] {
                "format", "-t", clusterId, "-c", props.toString(), "--ignore-formatted"
              },
              new PrintStream(log, true, StandardCharsets.UTF_8));
      if (rc != 0) {
        throw new IllegalStateException(
            "Cannot format the embedded Kafka log in "
                + logDir
                + ": "
                + log.toString(StandardCharsets.UTF_8));
      }
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
      try {
        server.startup();
      } catch (Exception e) {
        // What did start (the controller, the lock on the log) must stop for another attempt.
        try {
          server.shutdown();
          server.awaitShutdown();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      String bootstrap = "127.0.0.1:" + brokerPort;
      // For other ubi commands on the same data directory while this broker holds it.
      Files.writeString(dir.resolve(BOOTSTRAP_FILE), bootstrap + "\n");
      return new EmbeddedKafka(server, bootstrap);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded Kafka broker in " + dir, e);
    }
  }

  /**
   * The address of the embedded broker another process (a running {@code ubi demo} or {@code ubi
   * serve}) runs on {@code dir}, if one does: Kafka holds a lock on its log directory while it
   * runs, so a second broker cannot start there.
   */
  public static Optional<String> runningIn(Path dir) {
    Path lock = dir.resolve("log").resolve(".lock");
    Path address = dir.resolve(BOOTSTRAP_FILE);
    if (!Files.exists(lock) || !Files.exists(address)) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held != null) {
        held.release();
        return Optional.empty();
      }
    } catch (OverlappingFileLockException e) {
      // Held by a broker in this very process.
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the broker lock " + lock, e);
    }
    try {
      return Optional.of(Files.readString(address).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + address, e);
    }
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  /** Creates topics (name to partition count) that do not exist yet. */
  public static void createTopics(String bootstrap, Map<String, Integer> topics) {
    createTopics(bootstrap, topics, Set.of());
  }

  /**
   * Creates topics (name to partition count) that do not exist yet; those named in {@code
   * compacted} keep the latest record per key for good instead of expiring by age.
   */
  public static void createTopics(
      String bootstrap, Map<String, Integer> topics, Set<String> compacted) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<NewTopic> wanted =
          topics.entrySet().stream()
              .map(
                  e ->
                      new NewTopic(e.getKey(), e.getValue(), (short) 1)
                          .configs(
                              compacted.contains(e.getKey())
                                  ? Map.of("cleanup.policy", "compact")
                                  : Map.of()))
              .toList();
      for (var f : admin.createTopics(wanted).values().values()) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Cannot create topic: " + e.getCause().getMessage(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private static String clusterId(Path dir) throws IOException {
    Path file = dir.resolve("cluster.id");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(file, id);
    return id;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port", e);
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Kafka reports a listener it cannot bind as a KafkaException caused by a BindException. */
  private static boolean failedToBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }
}
