package dev.weft.demo.shop.back;

import dev.weft.demo.shop.Database;
import dev.weft.demo.shop.ServiceMain;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * shop-back: the stock service on embedded Jetty, with its own database. When a product is sold out it
 * asks the warehouse system when it will be restocked; in the demo the warehouse is offline, and the
 * answer says so.
 *
 * <pre>
 * GET /stock/{productId}   200 with the quantity (and restock date when sold out); 404 for no such product
 * </pre>
 *
 * Options: {@code --port N} (0: any), {@code --warehouse-url URL}, {@code --jdbc-url URL} (default: H2
 * in memory).
 */
public final class BackService {
  private BackService() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = ServiceMain.options(args);
    Database database = new Database(options.getOrDefault("jdbc-url", "jdbc:h2:mem:back;DB_CLOSE_DELAY=-1"));
    database.prepare(
        "CREATE TABLE IF NOT EXISTS shop_stock (product_id INT PRIMARY KEY, quantity INT NOT NULL)",
        "shop_stock",
        "INSERT INTO shop_stock VALUES (1, 12)",
        "INSERT INTO shop_stock VALUES (2, 0)",
        "INSERT INTO shop_stock VALUES (3, 4)");
    String warehouseUrl = options.getOrDefault("warehouse-url", "http://127.0.0.1:8082");

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(options.getOrDefault("port", "8081")));
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder("stock", new StockServlet(database, warehouseUrl)), "/stock/*");
    server.setHandler(context);
    server.start();
    System.out.println("shop-back: database " + database.describe() + ", warehouse at " + warehouseUrl);
    ServiceMain.announce("shop-back", connector.getLocalPort());

    ServiceMain.awaitStdinClosed();
    server.stop();
    System.exit(0);
  }
}
