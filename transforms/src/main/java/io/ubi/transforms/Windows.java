package io.ubi.transforms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Multi-day windows from daily rows: each row of a day counts towards the windows of the {@code
 * days} days ending on it and after it, so a window is whatever its days' rows combine to (states
 * merged, members united), never a rescan of what the days were made from.
 */
final class Windows {
  private Windows() {}

  /**
   * A copy of each daily row for every window end day of {@code [from, to]} whose window holds its
   * day, with {@code dt} set to that end day.
   *
   * @param daily rows in {@code schema}'s column order, from {@code from - days + 1} on
   */
  static Dataset<Row> spread(
      Dataset<Row> daily, StructType schema, int days, LocalDate from, LocalDate to) {
    int dt = schema.fieldIndex("dt");
    return daily.flatMap(
        (FlatMapFunction<Row, Row>)
            r -> {
              List<Row> copies = new ArrayList<>();
              for (int i = 0; i < days; i++) {
                LocalDate end = ((LocalDate) r.get(dt)).plusDays(i);
                if (!end.isBefore(from) && !end.isAfter(to)) {
                  Object[] values = new Object[r.length()];
                  for (int c = 0; c < values.length; c++) {
                    values[c] = c == dt ? end : r.get(c);
                  }
                  copies.add(RowFactory.create(values));
                }
              }
              return copies.iterator();
            },
        Encoders.row(schema));
  }
}
