package im.tandem.it.sint.runner;

/** How a SINT run ended; the first line of the results file. */
enum RunStatus {
    /** Every selected test ran and has an outcome. */
    COMPLETED,
    /** SINT gave up part-way: it treats any runtime exception from a test as fatal to the whole run. */
    ABORTED,
    /** The runner's time limit passed, usually because one test waits for something that never comes. */
    TIMED_OUT
}
