package dev.weft.tooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassMethodListTest {
  private final List<String> problems = new ArrayList<>();

  @Test
  void parsesTheDocumentedForm() {
    Map<String, Set<String>> m = ClassMethodList.parse("com.shop.Cart[price,checkout];com.shop.Tax[compute]", problems);
    assertThat(m).containsExactly(
        entry("com.shop.Cart", Set.of("price", "checkout")), entry("com.shop.Tax", Set.of("compute")));
    assertThat(problems).isEmpty();
  }

  @Test
  void blanksNestedClassesConstructorsAndRepeatedClasses() {
    Map<String, Set<String>> m =
        ClassMethodList.parse(" com.shop.Cart$Line [ <init> , total ] ; ;com.shop.Cart$Line[total,tax];", problems);
    assertThat(m).containsExactly(entry("com.shop.Cart$Line", Set.of("<init>", "total", "tax")));
    assertThat(problems).isEmpty();
  }

  @Test
  void eachMalformedEntryGetsOneProblemAndTheRestApplies() {
    Map<String, Set<String>> m =
        ClassMethodList.parse(
            "com.shop.Cart;a.B[];a.C[x,,y];a..D[x];a.E[x y];a.F[x]];a.G[[x];1a.H[x];a.I[x-y];com.shop.Tax[compute]",
            problems);
    assertThat(m).containsExactly(entry("com.shop.Tax", Set.of("compute")));
    assertThat(problems).hasSize(9);
    assertThat(problems.get(0)).isEqualTo("entry 'com.shop.Cart' is not Class[method,...]; it is ignored");
    assertThat(problems.get(1)).contains("a.B[]").contains("empty method name");
    assertThat(problems.get(4)).contains("invalid method name 'x y'");
  }

  @Test
  void nullAndEmptyMeanNothing() {
    assertThat(ClassMethodList.parse(null, problems)).isEmpty();
    assertThat(ClassMethodList.parse("  ", problems)).isEmpty();
    assertThat(problems).isEmpty();
  }
}
