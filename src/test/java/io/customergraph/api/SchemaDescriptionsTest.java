package io.customergraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import io.customergraph.GraphSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/** Front-end developers read the schema in GraphiQL: every type, field, argument and enum value says what it is. */
class SchemaDescriptionsTest extends GraphSupport {

  @Autowired GraphQlSource source;

  @Test
  void everyTypeFieldArgumentAndValueIsDescribed() {
    GraphQLSchema schema = source.schema();
    List<String> missing = new ArrayList<>();
    for (GraphQLNamedType type : schema.getAllTypesAsList()) {
      if (type.getName().startsWith("__") || List.of("String", "Int", "Float", "Boolean", "ID").contains(type.getName())) {
        continue;
      }
      if (blank(type.getDescription())) {
        missing.add(type.getName());
      }
      if (type instanceof GraphQLFieldsContainer container) {
        for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
          if (blank(field.getDescription())) {
            missing.add(type.getName() + "." + field.getName());
          }
          for (GraphQLArgument arg : field.getArguments()) {
            if (blank(arg.getDescription())) {
              missing.add(type.getName() + "." + field.getName() + "(" + arg.getName() + ")");
            }
          }
        }
      }
      if (type instanceof GraphQLInputObjectType input) {
        input.getFieldDefinitions().stream().filter(f -> blank(f.getDescription())).forEach(f -> missing.add(type.getName() + "." + f.getName()));
      }
      if (type instanceof GraphQLEnumType e) {
        e.getValues().stream().filter(v -> blank(v.getDescription())).forEach(v -> missing.add(type.getName() + "." + v.getName()));
      }
    }
    assertThat(missing).as("schema elements without a description").isEmpty();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
