-- Run by H2 on every new connection (the INIT part of the default JDBC URL): the in-memory database
-- fills itself inside the driver, so no statement outside a request reaches an instrumented JDBC API.
CREATE TABLE IF NOT EXISTS bench_orders(id BIGINT PRIMARY KEY, customer VARCHAR(64) NOT NULL, sku VARCHAR(32) NOT NULL, quantity INT NOT NULL);
MERGE INTO bench_orders KEY(id) SELECT X, 'customer-' || X, 'sku-' || MOD(X, 50), 1 + MOD(X, 5) FROM SYSTEM_RANGE(1, 1000);
