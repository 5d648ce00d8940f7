package dev.weft.smoke;

/** {@link SpringBootSmokeTest} on Spring Boot 4 (embedded Tomcat 11). */
class SpringBoot4SmokeIT extends SpringBootSmokeTest {
  SpringBoot4SmokeIT() {
    super("smoke.spring.boot.4.app.jar", "weft_sb4");
  }
}
