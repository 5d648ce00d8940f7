package dev.weft.smoke;

/** {@link SpringBootSmokeTest} on Spring Boot 3 (embedded Tomcat 10.1). */
class SpringBoot3SmokeIT extends SpringBootSmokeTest {
  SpringBoot3SmokeIT() {
    super("smoke.spring.boot.3.app.jar", "weft_sb3");
  }
}
