package io.ubi.launcher;

import io.ubi.lakehouse.Tables;
import io.ubi.serving.Readiness;
import io.ubi.serving.read.LakeReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What {@code /readyz} checks in a running UBI: that the lakehouse can be read (bronze's log) and
 * that the event bus answers within two seconds. Each reason names the component and the kind of
 * failure, nothing of any tenant.
 */
final class RuntimeReadiness implements Readiness, AutoCloseable {
  private static final long TIMEOUT_MS = 2000;

  private final LakeReader reader;
  private final Admin admin;

  RuntimeReadiness(LakeReader reader, String bootstrap) {
    this.reader = reader;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
    this.admin = Admin.create(p);
  }

  @Override
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    try {
      reader.version(Tables.BEHAVIOURAL_EVENTS);
    } catch (RuntimeException e) {
      problems.add(
          "lakehouse: bronze.behavioural_events cannot be read ("
              + e.getClass().getSimpleName()
              + ")");
    }
    try {
      if (admin.describeCluster().nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).isEmpty()) {
        problems.add("event bus: no broker in the cluster");
      }
    } catch (ExecutionException | TimeoutException e) {
      problems.add("event bus: not reachable within " + TIMEOUT_MS + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("event bus: the check was interrupted");
    }
    return problems;
  }

  @Override
  public void close() {
    admin.close();
  }
}
