package dev.weft.instrumentation.servlet.bootstrap;

/**
 * A container's own request and response types behind {@link ServletAccessor}, for the span of a
 * response the container makes itself ({@link ContainerEntry}): the HTTP facts come from the subclass;
 * everything servlet-specific is absent (no servlet, hence no route; no async cycle: the container's
 * completion ends the span; the servlet exception's cause is the servlet module's business).
 */
public abstract class ContainerAccessor<REQUEST, RESPONSE> implements ServletAccessor<REQUEST, RESPONSE> {
  @Override
  public final String getContextPath(REQUEST request) {
    return null;
  }

  @Override
  public final String getServletPath(REQUEST request) {
    return null;
  }

  @Override
  public final String getPathInfo(REQUEST request) {
    return null;
  }

  @Override
  public final boolean isAsyncStarted(REQUEST request) {
    return false;
  }

  @Override
  public final void addAsyncListener(REQUEST request, RESPONSE response, ServerSpanState<REQUEST, RESPONSE> span) {
    throw new UnsupportedOperationException("the container's completion ends the span");
  }

  @Override
  public final String servletRoute(Object servlet, REQUEST request) {
    return null;
  }

  @Override
  public final Throwable unwrapServletException(Throwable error) {
    return error;
  }
}
