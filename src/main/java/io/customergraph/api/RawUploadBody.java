package io.customergraph.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A bulk upload's body is the file, whatever its Content-Type. curl's {@code --data-binary} sends
 * {@code application/x-www-form-urlencoded} unless told otherwise, and the servlet container answers the first
 * {@code getParameter} call on such a request by reading the whole body as form fields — the file was gone before
 * the importer saw it. Upload requests therefore take their parameters from the query string only, from the first
 * filter on.
 */
@Configuration(proxyBeanMethods = false)
class RawUploadBody {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> rawUploadBodyFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        chain.doFilter(new QueryParametersOnly(request), response);
      }
    });
    registration.addUrlPatterns("/api/ingest/*");
    // Before every other filter (Spring Security's among them), so none can make the container parse the body.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** A request whose parameters are its query string's, never its body's. */
  static final class QueryParametersOnly extends HttpServletRequestWrapper {
    private final Map<String, String[]> parameters;

    QueryParametersOnly(HttpServletRequest request) {
      super(request);
      MultiValueMap<String, String> query = request.getQueryString() == null ? new LinkedMultiValueMap<>()
          : UriComponentsBuilder.newInstance().query(request.getQueryString()).build(false).getQueryParams();
      Map<String, String[]> decoded = new java.util.LinkedHashMap<>();
      query.forEach((name, values) -> decoded.put(decode(name), values.stream().map(QueryParametersOnly::decode).toArray(String[]::new)));
      this.parameters = Collections.unmodifiableMap(decoded);
    }

    private static String decode(String s) {
      return s == null ? "" : java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters.get(name);
      return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters.get(name);
    }
  }
}
