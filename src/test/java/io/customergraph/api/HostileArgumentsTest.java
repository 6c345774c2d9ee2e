package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.customergraph.GraphSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * Issue #18: every string argument of every query and mutation, read from the schema itself (a new field is covered
 * without a change here), is sent hostile values — over the length limit, control characters and bidi overrides,
 * Cypher and Lucene syntax, empty — with every other required argument filled with a plain value. No answer may be an
 * INTERNAL_ERROR (over HTTP: a 5xx), and the graph's people and companies stay as they were.
 */
class HostileArgumentsTest extends GraphSupport {

  @Autowired GraphQlSource source;

  private static final List<String> HOSTILE = List.of(
      "x".repeat(10_001),
      "\u0000\u0007\u001b[31m\u202e\ufeffjane",
      "') MATCH (n) DETACH DELETE n //",
      "name:* OR (((\" jane~0.1^9 AND -\\ [a TO z] /.*/",
      "");

  @Test
  void noStringArgumentOfAnyFieldGivesAnInternalError() {
    cypher("""
        CREATE (a:Account {id: 'acc_acme', name: 'Acme', nameSort: 'acme', status: 'CUSTOMER', createdAt: datetime('2025-01-01T00:00:00Z')})
        CREATE (:Contact {id: 'con_jane', name: 'Jane Doe', nameSort: 'jane doe', email: 'jane@acme.invalid', emails: ['jane@acme.invalid'],
                          createdAt: datetime('2025-01-01T00:00:00Z')})-[:WORKS_AT]->(a)""");
    entityIndex.rebuild();
    String before = people();

    List<String> failures = new ArrayList<>(), invalid = new ArrayList<>();
    int requests = 0;
    for (String operation : List.of("query", "mutation")) {
      GraphQLObjectType root = operation.equals("query") ? source.schema().getQueryType() : source.schema().getMutationType();
      for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
        if (!takesStrings(field)) {
          continue;
        }
        for (String hostile : HOSTILE) {
          Map<String, Object> variables = new LinkedHashMap<>();
          StringBuilder declared = new StringBuilder(), passed = new StringBuilder();
          for (GraphQLArgument a : field.getArguments()) {
            Object value = value(a.getType(), hostile, GraphQLTypeUtil.isNonNull(a.getType()));
            if (value == null) {
              continue;
            }
            variables.put(a.getName(), value);
            declared.append(declared.isEmpty() ? "" : ", ").append('$').append(a.getName()).append(": ").append(GraphQLTypeUtil.simplePrint(a.getType()));
            passed.append(passed.isEmpty() ? "" : ", ").append(a.getName()).append(": $").append(a.getName());
          }
          String document = "%s%s { %s%s %s }".formatted(operation, declared.isEmpty() ? "" : "(" + declared + ")", field.getName(),
              passed.isEmpty() ? "" : "(" + passed + ")", selection(field.getType()));
          requests++;
          var response = graphQl.document(document).variables(variables).execute();
          response.errors().satisfy(errors -> errors.forEach(e -> {
            if (e.getErrorType() == org.springframework.graphql.execution.ErrorType.INTERNAL_ERROR) {
              failures.add(field.getName() + " with " + preview(hostile) + ": " + e.getMessage());
            }
            // A document this test built wrong would be refused before any field ran, and prove nothing.
            if (e.getErrorType() == graphql.ErrorType.ValidationError || e.getErrorType() == graphql.ErrorType.InvalidSyntax) {
              invalid.add(field.getName() + ": " + e.getMessage());
            }
          }));
        }
      }
    }
    assertThat(requests).as("requests sent").isGreaterThan(100);
    assertThat(invalid).as("documents the schema refused").isEmpty();
    assertThat(failures).isEmpty();
    assertThat(people()).isEqualTo(before);
  }

  private String people() {
    return neo4j.query("MATCH (n) WHERE n:Account OR n:Contact RETURN n.id AS id, n.name AS name, n.email AS email ORDER BY id")
        .fetch().all().toString();
  }

  private static String preview(String s) {
    return s.length() > 40 ? s.substring(0, 20) + "…(" + s.length() + " characters)" : s;
  }

  private static boolean takesStrings(GraphQLFieldDefinition field) {
    return field.getArguments().stream().anyMatch(a -> hasString(a.getType(), 0));
  }

  private static boolean hasString(GraphQLType type, int depth) {
    GraphQLType t = GraphQLTypeUtil.unwrapAll(type);
    if (t instanceof GraphQLScalarType s) {
      return s.getName().equals("String") || s.getName().equals("ID");
    }
    if (t instanceof GraphQLInputObjectType o && depth < 3) {
      return o.getFieldDefinitions().stream().anyMatch(f -> hasString(f.getType(), depth + 1));
    }
    return false;
  }

  /** A value for an input: the hostile text for strings and ids, a plain value for other required ones; null leaves an optional one out. */
  private static Object value(GraphQLInputType type, String hostile, boolean required) {
    GraphQLType t = GraphQLTypeUtil.unwrapNonNull(type);
    if (t instanceof GraphQLList list) {
      Object item = value((GraphQLInputType) list.getWrappedType(), hostile, true);
      return item == null ? null : List.of(item);
    }
    if (t instanceof GraphQLScalarType s) {
      return switch (s.getName()) {
        case "String", "ID" -> hostile;
        case "Int" -> required ? 1 : null;
        case "Float" -> required ? 1.0 : null;
        case "Boolean" -> required ? false : null;
        case "DateTime" -> required ? "2026-01-01T00:00:00Z" : null;
        case "Date" -> required ? "2026-01-01" : null;
        case "JSON" -> required ? Map.of("note", hostile) : null;
        default -> required ? hostile : null;
      };
    }
    if (t instanceof GraphQLEnumType e) {
      return required ? e.getValues().getFirst().getName() : null;
    }
    if (t instanceof GraphQLInputObjectType o) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (GraphQLInputObjectField f : o.getFieldDefinitions()) {
        boolean needed = f.getType() instanceof GraphQLNonNull;
        Object v = hasString(f.getType(), 1) || needed ? value(f.getType(), hostile, needed) : null;
        if (v != null) {
          fields.put(f.getName(), v);
        }
      }
      return required || !fields.isEmpty() ? fields : null;
    }
    return null;
  }

  private static String selection(graphql.schema.GraphQLOutputType type) {
    GraphQLType t = GraphQLTypeUtil.unwrapAll(type);
    return t instanceof GraphQLScalarType || t instanceof GraphQLEnumType ? "" : "{ __typename }";
  }
}
