package dev.weft.tooling.testhelper;

import com.example.greeter.Greeter;
import net.bytebuddy.asm.Advice;

public final class GreetAdvice {
  private GreetAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.This Greeter greeter, @Advice.Return(readOnly = false) String result) {
    result = GreeterHelper.decorate(greeter, result);
  }
}
