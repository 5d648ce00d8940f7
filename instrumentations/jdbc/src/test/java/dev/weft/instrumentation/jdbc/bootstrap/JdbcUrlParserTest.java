package dev.weft.instrumentation.jdbc.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlParserTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "jdbc:postgresql://db.example.com:5433/shop?ssl=true | postgresql | shop | db.example.com | 5433",
        "jdbc:postgresql://127.0.0.1/test | postgresql | test | 127.0.0.1 | 5432",
        "jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary | postgresql | app | h1 | 5432",
        "jdbc:postgresql://[::1]:6543/v6 | postgresql | v6 | ::1 | 6543",
        "jdbc:postgresql:localdb | postgresql | localdb | - | -",
        "jdbc:postgresql://alice:s3cret@host/db | postgresql | db | host | 5432",
        "jdbc:mysql://127.0.0.1:3306/test?useSSL=false | mysql | test | 127.0.0.1 | 3306",
        "jdbc:mysql:loadbalance://a:3307,b:3308/lb | mysql | lb | a | 3307",
        "jdbc:mysql://user:pw@myhost | mysql | - | myhost | 3306",
        "jdbc:mariadb://127.0.0.1/test | mariadb | test | 127.0.0.1 | 3306",
        "jdbc:mariadb:replication://m:3306,s:3306/shop | mariadb | shop | m | 3306",
        "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1 | h2database | orders | - | -",
        "jdbc:h2:mem: | h2database | - | - | -",
        "jdbc:h2:file:/data/app;MODE=PostgreSQL | h2database | /data/app | - | -",
        "jdbc:h2:~/test | h2database | ~/test | - | -",
        "jdbc:h2:tcp://dbhost:9093/~/sample | h2database | ~/sample | dbhost | 9093",
        "jdbc:h2:ssl://dbhost/mem:x | h2database | mem:x | dbhost | 9092",
        "jdbc:hsqldb:mem:inventory | hsqldb | inventory | - | -",
        "jdbc:hsqldb:file:/var/db/inv;shutdown=true | hsqldb | /var/db/inv | - | -",
        "jdbc:hsqldb:hsql://srv/xdb | hsqldb | xdb | srv | 9001",
        "jdbc:sqlserver://sql.local\\\\inst:1444;databaseName=Sales;password=x | microsoft.sql_server | Sales | sql.local | 1444",
        "jdbc:sqlserver://sql.local;database=Ops | microsoft.sql_server | Ops | sql.local | 1433",
        "jdbc:oracle:thin:@ora:1522:ORCL | oracle.db | ORCL | ora | 1522",
        "jdbc:oracle:thin:scott/tiger@//ora.example:1521/svc | oracle.db | svc | ora.example | 1521",
        "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=rac1)(PORT=1530))(CONNECT_DATA=(SERVICE_NAME=pdb))) | oracle.db | pdb | rac1 | 1530",
        "jdbc:p6spy:postgresql://wrapped:5432/inner | postgresql | inner | wrapped | 5432",
        "jdbc:db2://mainframe:50001/BANK | ibm.db2 | BANK | mainframe | 50001",
        "jdbc:derby:memory:demo;create=true | derby | memory:demo | - | -",
        "jdbc:sqlite:/tmp/app.db | sqlite | /tmp/app.db | - | -",
        "jdbc:clickhouse://ch:8123/metrics | other_sql | metrics | ch | 8123",
        "jdbc:postgresql://host:notaport/db | postgresql | db | host | 5432",
        "not a jdbc url | other_sql | - | - | -",
        "jdbc: | other_sql | - | - | -",
      })
  void parses(String url, String system, String namespace, String host, Integer port) {
    DbInfo info = JdbcUrlParser.parse(url, null);
    assertThat(info.system()).isEqualTo(system);
    assertThat(info.namespace()).isEqualTo(namespace);
    assertThat(info.host()).isEqualTo(host);
    assertThat(info.port()).isEqualTo(port);
  }

  @ParameterizedTest
  @CsvSource({
    "org.postgresql.jdbc.PgConnection, postgresql",
    "org.h2.jdbc.JdbcConnection, h2database",
    "com.example.Unknown, other_sql",
  })
  void withoutAUrlTheDriverClassTellsTheSystem(String className, String system) {
    assertThat(JdbcUrlParser.parse(null, className).system()).isEqualTo(system);
  }
}
