package dev.weft.smoke.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * A small Spring Boot service, started twice: as the "front" it answers {@code /owners/{id}} from its
 * database and asks the "back" (the same jar, {@code --app.role=back}) for the owner's pets, which the
 * back answers from its database. Plain Spring MVC, JdbcTemplate over HikariCP and RestClient; the only
 * tracing in the code is the back's {@code @WithSpan} on {@link PetService#petsOf}, a business step of
 * its own in the trace.
 *
 * <p>Each process keeps its tables in its own PostgreSQL schema ({@code --app.schema}), created at
 * start and dropped at shutdown, so that runs side by side never see each other's rows.
 */
@SpringBootApplication
public class PetClinicApp {
  public static void main(String[] args) {
    SpringApplication.run(PetClinicApp.class, args);
  }

  @RestController
  static class OwnerController {
    private final JdbcTemplate jdbc;
    private final PetService petService;
    private final RestClient back;
    private final String schema;

    OwnerController(
        JdbcTemplate jdbc,
        PetService petService,
        @Value("${app.back-url:http://127.0.0.1:1}") String backUrl,
        @Value("${app.schema}") String schema) {
      this.jdbc = jdbc;
      this.petService = petService;
      // The JDK's HttpClient, chosen explicitly: Spring's default depends on what else is on the class path.
      this.back =
          RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).baseUrl(backUrl).build();
      this.schema = schema;
    }

    /** Front: the owner from the database, their pets from the back service. */
    @GetMapping("/owners/{id}")
    Map<String, Object> owner(@PathVariable("id") long id) {
      List<String> names =
          jdbc.queryForList("SELECT name FROM " + schema + ".owners WHERE id = ?", String.class, id);
      if (names.isEmpty()) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no owner " + id);
      }
      List<?> pets = back.get().uri("/owners/{id}/pets", id).retrieve().body(List.class);
      Map<String, Object> owner = new LinkedHashMap<>();
      owner.put("id", id);
      owner.put("name", names.get(0));
      owner.put("pets", pets);
      return owner;
    }

    /** Back: the pets of one owner. */
    @GetMapping("/owners/{id}/pets")
    List<String> pets(@PathVariable("id") long id) {
      return petService.petsOf(id);
    }

    /** A request that fails inside the application: the container answers 500. */
    @GetMapping("/owners/{id}/fail")
    Map<String, Object> fail(@PathVariable("id") long id) {
      jdbc.queryForList("SELECT no_such_column FROM " + schema + ".owners WHERE id = ?", id);
      return Map.of();
    }
  }

  /** The back's business step, traced by its own annotation (Weft weaves it; no Spring AOP). */
  @org.springframework.stereotype.Service
  static class PetService {
    private final JdbcTemplate jdbc;
    private final String schema;

    PetService(JdbcTemplate jdbc, @Value("${app.schema}") String schema) {
      this.jdbc = jdbc;
      this.schema = schema;
    }

    @WithSpan("find pets")
    List<String> petsOf(@SpanAttribute("pet.owner.id") long ownerId) {
      return jdbc.queryForList(
          "SELECT name FROM " + schema + ".pets WHERE owner_id = ? ORDER BY name", String.class, ownerId);
    }
  }

  @org.springframework.stereotype.Component
  static class Schema {
    private final JdbcTemplate jdbc;
    private final String schema;
    private final Environment env;

    Schema(JdbcTemplate jdbc, @Value("${app.schema}") String schema, Environment env) {
      this.jdbc = jdbc;
      this.schema = schema;
      this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void create() {
      jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      jdbc.execute("CREATE SCHEMA " + schema);
      jdbc.execute("CREATE TABLE " + schema + ".owners (id BIGINT PRIMARY KEY, name VARCHAR(80))");
      jdbc.execute("CREATE TABLE " + schema + ".pets (owner_id BIGINT, name VARCHAR(80))");
      jdbc.update("INSERT INTO " + schema + ".owners VALUES (1, 'George Franklin'), (2, 'Betty Davis')");
      jdbc.update("INSERT INTO " + schema + ".pets VALUES (1, 'Leo'), (2, 'Basil'), (2, 'Rosy')");
      System.err.println("[" + env.getProperty("app.role", "front") + "] ready on port "
          + env.getProperty("local.server.port"));
    }

    @jakarta.annotation.PreDestroy
    void drop() {
      jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
