package dev.arbtune.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A property: a parameterized test fed by {@link Tries} through a {@code @MethodSource}, one
 * invocation per try. Each invocation is named after its try, seed and values, and a failure's
 * message starts with that name, so that the failing case can be reproduced (see {@link Tries}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{arguments}")
@ExtendWith(Tries.NameTheCase.class)
public @interface PropertyTest {}
