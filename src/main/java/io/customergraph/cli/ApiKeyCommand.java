package io.customergraph.cli;

import io.customergraph.CustomerGraphApplication;
import io.customergraph.graph.Refused;
import io.customergraph.security.ApiKeys;
import io.customergraph.security.Role;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code api-key create --name N --roles ADMIN[,REP…] [--owner "Rep Name"] [--team T] [--personal-data true]
 * [--requests-per-minute N]}, {@code api-key list}, {@code api-key revoke --id key_…}: key management on the service's
 * data directory (stop the service first: the embedded database is opened here) or on {@code NEO4J_URI}. The way back
 * in when the first administrator key was lost.
 */
final class ApiKeyCommand {
  private ApiKeyCommand() {}

  static int run(String[] args, PrintStream out) {
    if (args.length < 2 || !List.of("create", "list", "revoke").contains(args[1])) {
      throw new IllegalArgumentException("api-key needs create, list or revoke");
    }
    Map<String, String> o = new java.util.HashMap<>();
    List<String> springArgs = new ArrayList<>(List.of("--customer-graph.demo.enabled=false", "--logging.level.root=warn", "--spring.main.banner-mode=off"));
    for (int i = 2; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length || args[i + 1].startsWith("--")) {
        if (args[i].startsWith("--") && args[i].contains("=")) {
          springArgs.add(args[i]);
          continue;
        }
        throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
      }
      Help.of("api-key").orElseThrow().check(args[i].substring(2));
      o.put(args[i].substring(2), args[++i]);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (args[1].equals("create")) {
      if (!o.containsKey("name") || !o.containsKey("roles")) {
        throw new IllegalArgumentException("api-key create needs --name and --roles (ADMIN, MANAGER, REP, ANALYST, INGEST, METRICS)");
      }
      for (String r : o.get("roles").split(",")) {
        roles.add(Role.parse(r));
      }
    }
    if (args[1].equals("revoke") && !o.containsKey("id")) {
      throw new IllegalArgumentException("api-key revoke needs --id key_…");
    }
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CustomerGraphApplication.class)
        .web(WebApplicationType.NONE).logStartupInfo(false).run(springArgs.toArray(String[]::new))) {
      ApiKeys keys = app.getBean(ApiKeys.class);
      switch (args[1]) {
        case "create" -> {
          ApiKeys.Issued issued = keys.create(o.get("name"), roles, o.get("owner"), o.get("team"),
              Boolean.parseBoolean(o.getOrDefault("personal-data", "false")), Cli.intOrZero(o, "requests-per-minute"));
          out.println("created " + issued.key().id() + " (" + issued.key().roles() + "); its secret, shown this once:");
          out.println(issued.secret());
        }
        case "list" -> {
          for (ApiKeys.ApiKey k : keys.list()) {
            out.printf("%s  %-30s %-20s %s%s%n", k.id(), k.name(), k.roles(), k.revokedAt() == null ? "active" : "revoked " + k.revokedAt(),
                k.owner() == null && k.team() == null ? "" : "  owner=" + k.owner() + " team=" + k.team());
          }
        }
        default -> {
          if (!keys.revoke(o.get("id"))) {
            System.err.println("error: no API key " + o.get("id") + "; see api-key list");
            return 1;
          }
          out.println("revoked " + o.get("id"));
        }
      }
      return 0;
    } catch (Refused e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
