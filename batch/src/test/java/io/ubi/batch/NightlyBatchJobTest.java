package io.ubi.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NightlyBatchJobTest {
  @Test
  void theSummaryIsInAsciiDigitsWhateverTheDefaultLocale() {
    NightlyBatchJob.Result r =
        new NightlyBatchJob.Result(
            LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"), 1234, 56, 7, List.of());
    Locale before = Locale.getDefault();
    // Arabic-Indic digits there, which a script or a test reading the line does not expect.
    Locale.setDefault(Locale.forLanguageTag("ar-EG"));
    try {
      assertThat(r.summary())
          .isEqualTo(
              "nightly 2026-11-01..2026-11-02: 1234 feature rows,"
                  + " 56 baseline rows, 7 signals in range, 0 published");
    } finally {
      Locale.setDefault(before);
    }
  }
}
