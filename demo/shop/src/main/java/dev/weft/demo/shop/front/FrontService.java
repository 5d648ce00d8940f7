package dev.weft.demo.shop.front;

import dev.weft.demo.shop.Database;
import dev.weft.demo.shop.ServiceMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;

/**
 * shop-front: the shop's web front on embedded Tomcat. Shows a product from its own database with the
 * stock level it asks shop-back for.
 *
 * <pre>
 * GET /products/{id}   200 with the product and its stock; 404 when there is no such product
 * GET /bestsellers     500: its query names a column the table does not have
 * </pre>
 *
 * Options: {@code --port N} (0: any), {@code --back-url URL}, {@code --jdbc-url URL} (default: H2 in
 * memory).
 */
public final class FrontService {
  private FrontService() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = ServiceMain.options(args);
    Database database = new Database(options.getOrDefault("jdbc-url", "jdbc:h2:mem:front;DB_CLOSE_DELAY=-1"));
    database.prepare(
        "CREATE TABLE IF NOT EXISTS shop_products"
            + " (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, price_cents INT NOT NULL)",
        "shop_products",
        "INSERT INTO shop_products VALUES (1, 'Sencha green tea', 420)",
        "INSERT INTO shop_products VALUES (2, 'Tieguanyin oolong', 890)",
        "INSERT INTO shop_products VALUES (3, 'Bamboo matcha whisk', 1550)");
    String backUrl = options.getOrDefault("back-url", "http://127.0.0.1:8081");

    Path baseDir = Files.createTempDirectory("shop-front-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setProperty("address", "127.0.0.1");
    connector.setPort(Integer.parseInt(options.getOrDefault("port", "8080")));
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    // Leak detection at stop needs --add-opens and would only print warnings about that: one app, one JVM.
    ((StandardContext) context).setClearReferencesThreadLocals(false);
    ((StandardContext) context).setClearReferencesRmiTargets(false);
    Tomcat.addServlet(context, "products", new ProductServlet(database, backUrl));
    context.addServletMappingDecoded("/products/*", "products");
    Tomcat.addServlet(context, "bestsellers", new BestsellersServlet(database));
    context.addServletMappingDecoded("/bestsellers", "bestsellers");
    tomcat.start();
    System.out.println("shop-front: database " + database.describe() + ", shop-back at " + backUrl);
    ServiceMain.announce("shop-front", connector.getLocalPort());

    ServiceMain.awaitStdinClosed();
    tomcat.stop();
    tomcat.destroy();
    deleteRecursively(baseDir);
    System.exit(0);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
