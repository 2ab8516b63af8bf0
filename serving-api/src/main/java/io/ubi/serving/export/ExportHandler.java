package io.ubi.serving.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.ubi.lakehouse.Column;
import io.ubi.lakehouse.SignalRows;
import io.ubi.model.Json;
import io.ubi.model.config.TenantConfig;
import io.ubi.model.config.TenantConfigs;
import io.ubi.serving.ApiException;
import io.ubi.serving.auth.Principal;
import io.ubi.serving.read.LakeReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code GET /v1/ubi/export/{features|scores|signals}?from=&to=&format=jsonl|parquet} ({@code
 * ubi:read:tenant}): a tenant's group-level rows of a date range for ROI dashboards and periodic
 * reports (PRD FR-11), de-identified and k-safe. Only team, cohort and tenant rows are exported,
 * and those exist only where the nightly job published them (at least the tenant's minimum group
 * size of people behind them, no group that singles people out by difference); signals of classes
 * the tenant switched off are left out. See {@link ExportDataset} for the columns.
 *
 * <p>Pages are ordered by day, scope, group and the dataset's key; a page that is not the last
 * names the next in {@code X-Next-Cursor} (and a {@code Link: rel="next"}), a keyset cursor bound
 * to the caller and the query, so pages neither repeat nor skip rows while the nightly job writes.
 * The range is read a week at a time, so memory is bounded by the page, not the range.
 */
public final class ExportHandler {
  static final int DEFAULT_PAGE = 10_000;
  static final int MAX_PAGE = 50_000;
  static final int MAX_DAYS = 366;
  static final int CHUNK_DAYS = 7;
  static final Set<String> PARAMS =
      Set.of("from", "to", "format", "page_size", "cursor", "tenant_id");
  static final String JSON_LINES = "application/x-ndjson";

  private static final Comparator<String[]> ORDER = Arrays::compare;

  private final LakeReader reader;
  private final Supplier<TenantConfigs> configs;

  public ExportHandler(LakeReader reader, Supplier<TenantConfigs> configs) {
    this.reader = reader;
    this.configs = configs;
  }

  /** A parsed export request. */
  private record Request(
      ExportDataset dataset,
      String tenant,
      LocalDate from,
      LocalDate to,
      boolean parquet,
      int pageSize,
      String query,
      String[] after) {}

  public void handle(Context ctx, Principal principal) {
    principal.require(Principal.READ_TENANT);
    Request q = parse(ctx, principal);
    TenantConfig config = configs.get().forTenant(q.tenant());
    List<Map<String, Object>> page = new ArrayList<>();
    String[] last = null;
    boolean more = false;
    LocalDate start = q.after() == null ? q.from() : LocalDate.parse(q.after()[0]);
    for (LocalDate d = start; !d.isAfter(q.to()) && !more; d = d.plusDays(CHUNK_DAYS)) {
      LocalDate end =
          d.plusDays(CHUNK_DAYS - 1).isAfter(q.to()) ? q.to() : d.plusDays(CHUNK_DAYS - 1);
      List<Map<String, Object>> rows =
          reader.read(q.dataset().table(), q.tenant(), d, end).stream()
              .filter(r -> ExportDataset.SCOPES.contains(r.get("actor_scope")))
              .filter(
                  r ->
                      q.dataset() != ExportDataset.SIGNALS
                          || config.emits(SignalRows.fromRow(r::get)))
              .filter(r -> q.after() == null || ORDER.compare(key(q.dataset(), r), q.after()) > 0)
              .sorted(Comparator.comparing(r -> key(q.dataset(), r), ORDER))
              .toList();
      for (Map<String, Object> r : rows) {
        if (page.size() == q.pageSize()) {
          more = true;
          break;
        }
        page.add(r);
        last = key(q.dataset(), r);
      }
    }
    if (more) {
      String cursor = cursor(q.query(), last);
      ctx.header("X-Next-Cursor", cursor);
      ctx.header("Link", "<" + nextUrl(ctx, cursor) + ">; rel=\"next\"");
    }
    ctx.header("X-Export-Rows", String.valueOf(page.size()));
    List<Column> columns = q.dataset().columns();
    if (q.parquet()) {
      ctx.header(
          "Content-Disposition",
          "attachment; filename=\"ubi-"
              + q.dataset().wireName()
              + "-"
              + q.from()
              + "-"
              + q.to()
              + ".parquet\"");
      ctx.contentType(ParquetPage.CONTENT_TYPE)
          .result(ParquetPage.write("ubi_" + q.dataset().wireName(), columns, page));
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (Map<String, Object> r : page) {
      Map<String, Object> out = new LinkedHashMap<>();
      columns.forEach(c -> out.put(c.name(), r.get(c.name())));
      lines.append(Json.write(out)).append('\n');
    }
    ctx.contentType(JSON_LINES).result(lines.toString());
  }

  private Request parse(Context ctx, Principal principal) {
    Set<String> unknown = new TreeSet<>(ctx.queryParamMap().keySet());
    unknown.removeAll(PARAMS);
    ExportDataset dataset = ExportDataset.fromWire(ctx.pathParam("dataset"));
    if (dataset == null) {
      throw ApiException.notFound(
          "No export '" + ctx.pathParam("dataset") + "'; there are features, scores and signals.");
    }
    List<String> problems = new ArrayList<>();
    if (!unknown.isEmpty()) {
      problems.add("unknown parameters " + unknown + "; accepted are " + new TreeSet<>(PARAMS));
    }
    String tenant = principal.tenantFor(ctx.queryParam("tenant_id"));
    LocalDate from = date(ctx.queryParam("from"), "from", problems);
    LocalDate to = date(ctx.queryParam("to"), "to", problems);
    if (from != null && to != null) {
      if (to.isBefore(from)) {
        problems.add("to: must not be before from (" + from + "), got " + to);
      } else if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
        problems.add("from..to: at most " + MAX_DAYS + " days in one export; split the range");
      }
    }
    String format = ctx.queryParam("format") == null ? "jsonl" : ctx.queryParam("format");
    if (!format.equals("jsonl") && !format.equals("parquet")) {
      problems.add("format: must be jsonl or parquet, got '" + shorten(format) + "'");
    }
    int pageSize = pageSize(ctx.queryParam("page_size"), problems);
    String query = digest(principal.subject(), dataset, tenant, from, to);
    String[] after = after(ctx.queryParam("cursor"), query, problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(String.join("; ", problems));
    }
    return new Request(dataset, tenant, from, to, format.equals("parquet"), pageSize, query, after);
  }

  private static LocalDate date(String text, String name, List<String> problems) {
    if (text == null || text.isBlank()) {
      problems.add(name + ": is required, a day such as 2026-03-01");
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(name + ": must be a day such as 2026-03-01, got '" + shorten(text) + "'");
      return null;
    }
  }

  private static int pageSize(String text, List<String> problems) {
    if (text == null) {
      return DEFAULT_PAGE;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_PAGE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        "page_size: must be a whole number from 1 to "
            + MAX_PAGE
            + ", got '"
            + shorten(text)
            + "'");
    return DEFAULT_PAGE;
  }

  /** A row's place in the export's order: day, scope, group, then the dataset's key. */
  private static String[] key(ExportDataset dataset, Map<String, Object> r) {
    return new String[] {
      r.get("dt").toString(),
      (String) r.get("actor_scope"),
      (String) r.get("actor_or_group_id"),
      (String) r.get(dataset.key())
    };
  }

  private static String cursor(String query, String[] last) {
    var node = Json.MAPPER.createObjectNode().put("q", query);
    Arrays.stream(last).forEach(node.putArray("k")::add);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String[] after(String cursor, String query, List<String> problems) {
    if (cursor == null) {
      return null;
    }
    try {
      JsonNode c =
          Json.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      String[] key = new String[4];
      for (int i = 0; i < 4; i++) {
        key[i] = c.get("k").get(i).textValue();
      }
      LocalDate.parse(key[0]);
      if (c.get("q").asText().equals(query)) {
        return key;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    problems.add(
        "cursor: not a cursor of this export; send the X-Next-Cursor of the last page with the"
            + " same dataset, tenant and range");
    return null;
  }

  private static String digest(
      String caller, ExportDataset dataset, String tenant, LocalDate from, LocalDate to) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  String.join("\n", caller, dataset.wireName(), tenant, "" + from, "" + to)
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nextUrl(Context ctx, String cursor) {
    StringBuilder url = new StringBuilder(ctx.path()).append('?');
    ctx.queryParamMap()
        .forEach(
            (k, values) -> {
              if (!k.equals("cursor")) {
                values.forEach(v -> url.append(enc(k)).append('=').append(enc(v)).append('&'));
              }
            });
    return url.append("cursor=").append(cursor).toString();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
