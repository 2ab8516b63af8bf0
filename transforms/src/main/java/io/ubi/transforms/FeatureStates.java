package io.ubi.transforms;

import static org.apache.spark.sql.functions.col;

import io.ubi.lakehouse.Tables;
import io.ubi.model.aggregate.Aggregator;
import io.ubi.model.aggregate.EventView;
import io.ubi.model.aggregate.StateValue;
import io.ubi.model.config.TenantConfigs;
import io.ubi.model.config.WorkingHours;
import io.ubi.model.contract.EventTypes;
import io.ubi.model.feature.Expr;
import io.ubi.model.feature.FeatureCatalog;
import io.ubi.model.feature.FeatureDefinition;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The catalogue's aggregators compiled into Spark generically, for both layers: per tenant, day and
 * actor, every input of every feature (a {@link Expr.Leaf}, keyed {@code feature.input}) is folded
 * over the events into the model's own aggregator state; states of the same key merge; a state row
 * finishes into the feature values through {@link Expr#combine}. Nothing here knows what a feature
 * computes: adding one to the catalogue adds it here. Events are read as the model's {@link
 * EventView}s (made by {@link WorkingHours#view}), with the pseudonymised attributes bronze
 * extracted; an event the taxonomy mirrors (a review given) also counts for its counterpart (a
 * review received).
 *
 * <p>State rows have the columns of {@code silver.actor_feature_states_intraday}: the speed layer
 * keeps a running day per actor in that table (fold a micro-batch, merge it with the day so far);
 * the nightly job folds whole days from bronze.
 */
public final class FeatureStates {
  private static final StructType STATE_ROWS =
      SparkSchemas.of(Tables.ACTOR_FEATURE_STATES_INTRADAY);
  // State rows are read by position: rows built inside a job (fold's) reach the next step
  // without a schema attached, and current() puts read ones in declared order.
  static final int TENANT = STATE_ROWS.fieldIndex("tenant_id");
  static final int ACTOR = STATE_ROWS.fieldIndex("actor_pseudonym");
  static final int ACTOR_TYPE = STATE_ROWS.fieldIndex("actor_type");
  private static final int STATES = STATE_ROWS.fieldIndex("states");
  private static final int EVENT_COUNTS = STATE_ROWS.fieldIndex("event_counts");
  private static final int UPDATED_AT = STATE_ROWS.fieldIndex("updated_at");
  static final int DT = STATE_ROWS.fieldIndex("dt");

  private FeatureStates() {}

  /**
   * Each distinct aggregator of the catalogue under the key {@code feature.input} of the first
   * input that declares it, in catalogue order. Inputs that aggregate the same thing (the day's
   * events, say, the denominator of several shares) share one state, folded and stored once.
   */
  private static final Map<Aggregator<?>, String> KEYS = keys();

  private static Map<Aggregator<?>, String> keys() {
    Map<Aggregator<?>, String> keys = new LinkedHashMap<>();
    for (FeatureDefinition f : FeatureCatalog.all()) {
      for (Expr.Leaf leaf : f.value().leaves()) {
        keys.putIfAbsent(leaf.aggregator(), f.name() + "." + leaf.label());
      }
    }
    return keys;
  }

  /** Every distinct aggregator of the catalogue by its key, in catalogue order. */
  static Map<String, Aggregator<?>> inputs() {
    Map<String, Aggregator<?>> inputs = new LinkedHashMap<>();
    KEYS.forEach((aggregator, key) -> inputs.put(key, aggregator));
    return inputs;
  }

  /** The key of the state a feature's input is finished from. */
  static String key(Expr.Leaf leaf) {
    return KEYS.get(leaf.aggregator());
  }

  /**
   * State rows from events, one per tenant, local day and subject.
   *
   * @param events rows of {@code bronze.behavioural_events} whose {@code dt} is already the
   *     tenant-local day ({@link TenantTime#withLocalDay})
   */
  public static Dataset<Row> fold(Dataset<Row> events, TenantConfigs configs, Instant at) {
    return views(events, configs)
        .groupByKey(
            (MapFunction<Row, String>)
                r -> r.getString(0) + '\u0000' + r.get(1) + '\u0000' + r.getString(2),
            Encoders.STRING())
        .flatMapGroups(new Folder(at), Encoders.row(STATE_ROWS));
  }

  /** The columns of an event as aggregators see it, for the subject it counts for. */
  private static final StructType VIEWS =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("tenant_id", DataTypes.StringType, false),
              DataTypes.createStructField("dt", DataTypes.DateType, false),
              DataTypes.createStructField("subject", DataTypes.StringType, false),
              DataTypes.createStructField("actor_type", DataTypes.StringType, true),
              DataTypes.createStructField("event_type", DataTypes.StringType, false),
              DataTypes.createStructField("epoch_millis", DataTypes.LongType, false),
              DataTypes.createStructField("after_hours", DataTypes.BooleanType, false),
              DataTypes.createStructField("non_working_day", DataTypes.BooleanType, false),
              DataTypes.createStructField(
                  "attributes",
                  DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true),
                  true)));

  /**
   * Each event as the view its actor's aggregators read, plus its mirror for the counterpart. A
   * subject seen only through mirrors that day has no actor type of its own (null here).
   */
  private static Dataset<Row> views(Dataset<Row> events, TenantConfigs configs) {
    // Read by position: 0 tenant_id, 1 dt, 2 actor_pseudonym, 3 actor_type, 4 event_type,
    // 5 timestamp_utc, 6 attributes.
    return events
        .select(
            "tenant_id",
            "dt",
            "actor_pseudonym",
            "actor_type",
            "event_type",
            "timestamp_utc",
            "attributes")
        .flatMap(
            (FlatMapFunction<Row, Row>)
                e -> {
                  Map<String, String> attributes = e.isNullAt(6) ? Map.of() : e.getJavaMap(6);
                  EventView view =
                      configs
                          .forTenant(e.getString(0))
                          .workingHours()
                          .view(e.getString(4), (Instant) e.get(5), attributes);
                  List<Row> out = new ArrayList<>(2);
                  out.add(viewRow(e.getString(0), e.get(1), e.getString(2), e.getString(3), view));
                  EventTypes.mirror(view, e.getString(2))
                      .ifPresent(
                          m ->
                              out.add(
                                  viewRow(e.getString(0), e.get(1), m.subject(), null, m.view())));
                  return out.iterator();
                },
            Encoders.row(VIEWS));
  }

  private static Row viewRow(
      String tenant, Object dt, String subject, String actorType, EventView v) {
    return RowFactory.create(
        tenant,
        dt,
        subject,
        actorType,
        v.eventType(),
        v.epochMillis(),
        v.afterHours(),
        v.nonWorkingDay(),
        SparkSchemas.external(v.attributes()));
  }

  /**
   * State rows of the running catalogue version, in declared column order. A state written under
   * another version may hold another aggregator under the same input key, so it is not merged:
   * after a catalogue change a running day starts again and a window holds only the days since (a
   * backfill with {@code --from} refills them).
   */
  static Dataset<Row> current(Dataset<Row> states) {
    return states
        .where(col("catalogue_version").equalTo(FeatureCatalog.catalogue().version()))
        .select(SparkColumns.of(Tables.ACTOR_FEATURE_STATES_INTRADAY));
  }

  /** State rows with one row per tenant, day and actor, merging those that share one. */
  public static Dataset<Row> merge(Dataset<Row> states) {
    return current(states)
        .groupByKey(
            (MapFunction<Row, String>)
                r -> r.getString(TENANT) + '\u0000' + r.get(DT) + '\u0000' + r.getString(ACTOR),
            Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>)
                (key, rows) -> List.of(mergeAll(rows)).iterator(),
            Encoders.row(STATE_ROWS));
  }

  /**
   * State rows of the {@code days}-day windows ending on each day of {@code [from, to]}: each daily
   * state row counts towards the windows of the days it falls in, and those merge. The result has
   * one row per tenant, actor and window end day, {@code dt} being that day.
   *
   * @param daily rows of {@code silver.actor_feature_states_daily} from {@code from - days + 1}
   */
  public static Dataset<Row> window(Dataset<Row> daily, int days, LocalDate from, LocalDate to) {
    return merge(Windows.spread(current(daily), STATE_ROWS, days, from, to));
  }

  /** Folds one subject-day's views; serialisable, as Spark ships it to the executors. */
  private static final class Folder
      implements FlatMapGroupsFunction<String, Row, Row>, Serializable {
    private final Instant at;

    Folder(Instant at) {
      this.at = at;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> events) {
      Map<String, Aggregator<?>> inputs = inputs();
      Map<String, Object> states = new LinkedHashMap<>();
      inputs.forEach((k, agg) -> states.put(k, agg.zero()));
      Map<String, Long> counts = new TreeMap<>();
      Row first = null;
      String actorType = null;
      while (events.hasNext()) {
        Row e = events.next();
        first = first == null ? e : first;
        actorType = max(actorType, e.getString(3));
        Map<String, String> attributes = e.isNullAt(8) ? Map.of() : e.getJavaMap(8);
        EventView view =
            new EventView(
                e.getString(4), e.getLong(5), e.getBoolean(6), e.getBoolean(7), attributes);
        inputs.forEach((k, agg) -> states.put(k, add(agg, states.get(k), view)));
        counts.merge(view.eventType(), 1L, Long::sum);
      }
      Map<String, StateValue> stored = new LinkedHashMap<>();
      inputs.forEach((k, agg) -> stored.put(k, store(agg, states.get(k))));
      return List.of(
              stateRow(
                  first.getString(0),
                  first.getString(2),
                  actorType == null ? UNKNOWN_TYPE : actorType,
                  stored,
                  counts,
                  at,
                  (LocalDate) first.get(1)))
          .iterator();
    }
  }

  private static Row mergeAll(Iterator<Row> rows) {
    Map<String, Aggregator<?>> inputs = inputs();
    Map<String, StateValue> merged = new LinkedHashMap<>();
    Map<String, Long> counts = new TreeMap<>();
    Row first = null;
    String actorType = null;
    Instant updated = null;
    while (rows.hasNext()) {
      Row r = rows.next();
      first = first == null ? r : first;
      actorType = max(actorType, r.getString(ACTOR_TYPE));
      Instant at = (Instant) r.get(UPDATED_AT);
      updated = updated == null || at.isAfter(updated) ? at : updated;
      Map<String, StateValue> states = states(r);
      for (Map.Entry<String, Aggregator<?>> in : inputs.entrySet()) {
        // A row of an earlier catalogue may lack an input: it then contributes zero to it.
        StateValue s = states.get(in.getKey());
        StateValue sofar = merged.get(in.getKey());
        merged.put(
            in.getKey(),
            s == null ? sofar : sofar == null ? s : in.getValue().mergeStored(sofar, s));
      }
      eventCounts(r).forEach((type, n) -> counts.merge(type, n, Long::sum));
    }
    inputs.forEach((k, agg) -> merged.computeIfAbsent(k, x -> store(agg, agg.zero())));
    return stateRow(
        first.getString(TENANT),
        first.getString(ACTOR),
        actorType,
        merged,
        counts,
        updated,
        (LocalDate) first.get(DT));
  }

  /** The stored states of a state row, by input key. */
  static Map<String, StateValue> states(Row r) {
    Map<String, StateValue> out = new LinkedHashMap<>();
    scala.collection.Map<String, Row> m = r.getMap(STATES);
    JavaConverters.mapAsJavaMap(m).forEach((k, v) -> out.put(k, stateValue(v)));
    return out;
  }

  /** Events per type of a state row. */
  static Map<String, Long> eventCounts(Row r) {
    scala.collection.Map<String, Object> m = r.getMap(EVENT_COUNTS);
    Map<String, Long> out = new TreeMap<>();
    JavaConverters.mapAsJavaMap(m).forEach((k, v) -> out.put(k, ((Number) v).longValue()));
    return out;
  }

  private static Row stateRow(
      String tenant,
      String actor,
      String actorType,
      Map<String, StateValue> states,
      Map<String, Long> counts,
      Instant updatedAt,
      LocalDate dt) {
    Map<String, Row> structs = new LinkedHashMap<>();
    states.forEach((k, v) -> structs.put(k, struct(v)));
    return RowFactory.create(
        tenant,
        actor,
        actorType,
        SparkSchemas.external(structs),
        SparkSchemas.external(counts),
        FeatureCatalog.catalogue().version(),
        updatedAt,
        dt);
  }

  static Row struct(StateValue v) {
    List<Long> longs = new ArrayList<>(v.longs().length);
    for (long l : v.longs()) {
      longs.add(l);
    }
    List<Double> doubles = new ArrayList<>(v.doubles().length);
    for (double d : v.doubles()) {
      doubles.add(d);
    }
    return RowFactory.create(seq(longs), seq(doubles), seq(List.of(v.strings())), v.bytes());
  }

  static StateValue stateValue(Row struct) {
    List<Object> longs = struct.getList(0);
    List<Object> doubles = struct.getList(1);
    List<String> strings = struct.getList(2);
    return new StateValue(
        longs.stream().mapToLong(o -> ((Number) o).longValue()).toArray(),
        doubles.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray(),
        strings.toArray(String[]::new),
        (byte[]) struct.get(3));
  }

  private static <T> scala.collection.Seq<T> seq(List<T> values) {
    return JavaConverters.asScalaBuffer(values).toSeq();
  }

  /**
   * The actor type of a subject so far known only through others' events (a pull request's author,
   * say): any type its own events give wins over it when states merge, in any order.
   */
  static final String UNKNOWN_TYPE = "";

  /** The actor type a state row's features are published with: a person unless known else. */
  static String actorType(Row state) {
    String t = state.getString(ACTOR_TYPE);
    return t == null || t.equals(UNKNOWN_TYPE) ? "human" : t;
  }

  /** The greater type, an unknown one being the least (as "" is). */
  private static String max(String a, String b) {
    return a == null || (b != null && b.compareTo(a) > 0) ? b : a;
  }

  private static <S> Object add(Aggregator<S> agg, Object state, EventView e) {
    @SuppressWarnings("unchecked")
    S s = (S) state;
    return agg.add(s, e);
  }

  private static <S> StateValue store(Aggregator<S> agg, Object state) {
    @SuppressWarnings("unchecked")
    S s = (S) state;
    return agg.store(s);
  }
}
