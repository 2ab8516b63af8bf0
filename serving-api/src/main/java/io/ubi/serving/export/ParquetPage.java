package io.ubi.serving.export;

import io.ubi.lakehouse.Column;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * One page of an export as a Parquet file in memory (a page is bounded, so is the file): every
 * column optional, strings as UTF-8, dates as {@code DATE}, timestamps as UTC microseconds, Snappy
 * compressed, the form Spark, Trino, pandas and DuckDB read without options.
 */
final class ParquetPage {
  static final String CONTENT_TYPE = "application/vnd.apache.parquet";

  private ParquetPage() {}

  static MessageType schema(String name, List<Column> columns) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : columns) {
      switch (c.type()) {
        case STRING ->
            b.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(c.name());
        case INT -> b.optional(PrimitiveTypeName.INT32).named(c.name());
        case LONG -> b.optional(PrimitiveTypeName.INT64).named(c.name());
        case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
        case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
        case DATE ->
            b.optional(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType())
                .named(c.name());
        case TIMESTAMP ->
            b.optional(PrimitiveTypeName.INT64)
                .as(
                    LogicalTypeAnnotation.timestampType(
                        true, LogicalTypeAnnotation.TimeUnit.MICROS))
                .named(c.name());
        default ->
            throw new IllegalArgumentException(
                "Column " + c.name() + " is not exported as Parquet");
      }
    }
    return b.named(name);
  }

  static byte[] write(String name, List<Column> columns, List<Map<String, Object>> rows) {
    MessageType schema = schema(name, columns);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    Bytes out = new Bytes();
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(out)
            .withType(schema)
            .withConf(new Configuration(false))
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (Map<String, Object> row : rows) {
        Group g = groups.newGroup();
        for (Column c : columns) {
          append(g, c, row.get(c.name()));
        }
        writer.write(g);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the export page as Parquet", e);
    }
    return out.buffer.toByteArray();
  }

  private static void append(Group g, Column c, Object v) {
    if (v == null) {
      return;
    }
    String n = c.name();
    switch (c.type()) {
      case STRING -> g.append(n, (String) v);
      case INT -> g.append(n, ((Number) v).intValue());
      case LONG -> g.append(n, ((Number) v).longValue());
      case DOUBLE -> g.append(n, ((Number) v).doubleValue());
      case BOOLEAN -> g.append(n, (Boolean) v);
      case DATE -> g.append(n, (int) ((LocalDate) v).toEpochDay());
      case TIMESTAMP -> g.append(n, ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) v));
      default -> throw new IllegalArgumentException("Column " + n + " is not exported as Parquet");
    }
  }

  /** A Parquet output file that is a byte buffer. */
  private static final class Bytes implements OutputFile {
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return buffer.size();
        }

        @Override
        public void write(int b) {
          buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          buffer.write(b, off, len);
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
