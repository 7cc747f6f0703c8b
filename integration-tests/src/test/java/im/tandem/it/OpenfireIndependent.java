package im.tandem.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that boots no Openfire and reads nothing of the one under test (the NAT lab, ICE, the database
 * servers alone, and the checks of the schema the harness writes for 4.2.0 from Maven Central, which an installation
 * brings itself). Every other class is server-level and runs once per Openfire tested; these run once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(OpenfireIndependent.TAG)
public @interface OpenfireIndependent {
    /** The JUnit tag the build excludes from the runs on further Openfire versions. */
    String TAG = "openfire-independent";
}
