package dev.weft.instrumentation.jdbc.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatementStateTest {
  private static final DbInfo H2 = new DbInfo(DbInfo.H2, "db", null, null);

  private static SqlStatementInfo q(String sql) {
    return SqlSanitizer.sanitize(sql, SqlDialect.ANSI);
  }

  @Test
  void preparedBatchOfThreeIsBatchInsert() {
    StatementState state = new StatementState(H2, q("INSERT INTO t (a) VALUES (?)"));
    state.addBatch(null);
    state.addBatch(null);
    state.addBatch(null);
    SqlStatementInfo batch = state.batchQuery();
    assertThat(batch.operation()).isEqualTo("BATCH INSERT");
    assertThat(batch.collection()).isEqualTo("t");
    assertThat(batch.text()).isEqualTo("INSERT INTO t (a) VALUES (?)");
    assertThat(state.batchCount).isEqualTo(3);
  }

  @Test
  void aBatchOfOneIsNotABatch() {
    StatementState state = new StatementState(H2, q("UPDATE t SET a = ?"));
    state.addBatch(null);
    assertThat(state.batchQuery().operation()).isEqualTo("UPDATE");
  }

  @Test
  void mixedStatementBatchJoinsDistinctTexts() {
    StatementState state = new StatementState(H2, null);
    state.addBatch(q("INSERT INTO t VALUES (1)"));
    state.addBatch(q("INSERT INTO t VALUES (2)"));
    state.addBatch(q("DELETE FROM u WHERE a = 3"));
    SqlStatementInfo batch = state.batchQuery();
    assertThat(batch.text()).isEqualTo("INSERT INTO t VALUES (?); DELETE FROM u WHERE a = ?");
    assertThat(batch.operation()).isEqualTo("BATCH");
    assertThat(batch.collection()).isNull();
    state.clearBatch();
    assertThat(state.batchCount).isZero();
    assertThat(state.batchQuery()).isNull();
  }

  @Test
  void manyDistinctBatchTextsAreBounded() {
    StatementState state = new StatementState(H2, null);
    for (int i = 0; i < 1000; i++) {
      state.addBatch(q("INSERT INTO t" + i + " VALUES (1)"));
    }
    assertThat(state.batchCount).isEqualTo(1000);
    assertThat(state.batchQuery().text().split("; ")).hasSize(StatementState.MAX_DISTINCT_BATCH_TEXTS);
  }

  @Test
  void parametersAreRenderedBoundedAndIndexedFromZero() {
    StatementState state = new StatementState(H2, q("SELECT ? FROM t"));
    state.setParameter(1, "x".repeat(5000));
    state.setParameter(2, 42L);
    state.setParameter(3, new Object()); // not captured
    state.setParameter(4, LocalDate.of(2024, 1, 2));
    state.setParameter(5, UUID.fromString("00000000-0000-0000-0000-000000000001"));
    state.setParameter(0, "ignored");
    state.setParameter(10_000, "ignored");
    String[] p = state.parametersSnapshot();
    assertThat(p[0]).hasSize(StatementState.MAX_PARAMETER_LENGTH + 3).endsWith("...");
    assertThat(p[1]).isEqualTo("42");
    assertThat(p[2]).isNull();
    assertThat(p[3]).isEqualTo("2024-01-02");
    assertThat(p[4]).isEqualTo("00000000-0000-0000-0000-000000000001");
    state.setParameter(2, null); // setNull
    assertThat(state.parametersSnapshot()[1]).isNull();
    state.clearParameters();
    assertThat(state.parametersSnapshot()).isNull();
  }
}
