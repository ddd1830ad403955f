package io.tributary.release.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelParserFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A boolean CEL expression as fluxcd/pkg {@code runtime/cel} builds one: homogeneous literals, numeric comparisons
 * across types, optional syntax, the strings, sets and encoders extensions, at most as many comprehension steps as
 * Kubernetes allows an expression. Objects are given as the maps their JSON decodes to.
 */
public final class CelExpression {

    private static final CelOptions OPTIONS = CelOptions.current().enableHomogeneousLiterals(true)
            .enableHeterogeneousNumericComparisons(true).enableOptionalSyntax(true).comprehensionMaxIterations(100_000).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.encoders(OPTIONS), CelExtensions.optional())
            .build();

    /** The expression does not parse or type-check; the message is CEL's, with the expression. */
    public static final class InvalidExpression extends Exception {
        public InvalidExpression(String message) {
            super(message);
        }
    }

    /** The expression could not be evaluated against the data, or is not boolean there. */
    public static final class EvaluationError extends Exception {
        EvaluationError(String message) {
            super(message);
        }
    }

    private final String text;
    private final CelRuntime.Program program;

    private CelExpression(String text, CelRuntime.Program program) {
        this.text = text;
        this.program = program;
    }

    /**
     * An expression over the fields of one object ({@code status.conditions...}), every name it uses taken from the
     * data: fluxcd/pkg's {@code NewExpression} without {@code WithCompile}, as health check expressions are built.
     */
    public static CelExpression overFields(String text) throws InvalidExpression {
        CelAbstractSyntaxTree parsed;
        try {
            parsed = CelParserFactory.standardCelParserBuilder().setOptions(OPTIONS).setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .build().parse(text).getAst();
        } catch (CelValidationException e) {
            throw invalid(text, e);
        }
        Set<String> names = CelNavigableAst.fromAst(parsed).getRoot().allNodes()
                .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.IDENT).map(n -> n.expr().ident().name())
                .filter(name -> !name.startsWith("@")).collect(Collectors.toCollection(TreeSet::new));
        return compile(text, names);
    }

    /** A boolean expression over the named variables only ({@code WithCompile}, {@code WithStructVariables}). */
    public static CelExpression withVariables(String text, String... variables) throws InvalidExpression {
        return compile(text, List.of(variables));
    }

    private static CelExpression compile(String text, Iterable<String> variables) throws InvalidExpression {
        CelCompilerBuilder compiler = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS).setResultType(SimpleType.BOOL)
                .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.encoders(OPTIONS), CelExtensions.optional());
        for (String variable : variables) {
            compiler.addVar(variable, SimpleType.DYN);
        }
        try {
            CelAbstractSyntaxTree checked = compiler.build().compile(text).getAst();
            return new CelExpression(text, RUNTIME.createProgram(checked));
        } catch (CelValidationException e) {
            throw invalid(text, e);
        } catch (CelEvaluationException e) {
            throw new InvalidExpression("failed to create CEL program for '" + text + "': " + e.getMessage());
        }
    }

    private static InvalidExpression invalid(String text, CelValidationException e) {
        return new InvalidExpression("failed to parse the CEL expression '" + text + "': " + e.getMessage());
    }

    public String text() {
        return text;
    }

    /** Evaluates with {@code data} as the variables; a missing field or a non-boolean result is an error. */
    public boolean evaluate(Map<String, ?> data) throws EvaluationError {
        Object result;
        try {
            result = program.eval(celValues(data));
        } catch (CelEvaluationException e) {
            throw new EvaluationError("failed to evaluate the CEL expression '" + text + "': " + e.getMessage());
        }
        if (result instanceof Boolean b) {
            return b;
        }
        throw new EvaluationError("failed to evaluate the CEL expression '" + text + "': no such key or not a boolean");
    }

    /** JSON-decoded data as CEL's Java values: null as CEL null, integers as int64, floats as double. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> celValues(Map<String, ?> data) {
        Map<String, Object> converted = new LinkedHashMap<>();
        data.forEach((k, v) -> converted.put(k, celValue(v)));
        return converted;
    }

    @SuppressWarnings("unchecked")
    private static Object celValue(Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Map<?, ?> map) {
            return celValues((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(item -> converted.add(celValue(item)));
            return converted;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof java.math.BigInteger big) {
            return big.longValue();
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.doubleValue();
        }
        return value;
    }

    @Override
    public String toString() {
        return text;
    }
}
