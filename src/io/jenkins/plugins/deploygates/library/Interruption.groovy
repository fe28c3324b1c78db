package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * Tells why an input step ended without an answer. Jenkins throws FlowInterruptedException whose causes are a
 * TimeoutStepExecution.ExceededTimeout (the surrounding timeout fired) or an input Rejection (someone pressed
 * Abort); the classes are matched by simple name so the library needs no compile-time Jenkins types.
 */
class Interruption implements Serializable {

    private static final long serialVersionUID = 1L

    /** [kind: 'timeout' | 'rejected' | 'other', user: id of the rejecting user or null]. */
    @NonCPS
    static Map classify(Throwable error) {
        List causes = error.metaClass.respondsTo(error, 'getCauses') ? (List) error.getCauses() : []
        for (Object cause : causes) {
            String name = cause.getClass().simpleName
            if (name == 'ExceededTimeout') {
                return [kind: 'timeout', user: null]
            }
            if (name == 'Rejection') {
                return [kind: 'rejected', user: userIdOf(cause)]
            }
        }
        return [kind: 'other', user: null]
    }

    @NonCPS
    private static String userIdOf(Object rejection) {
        Object user = rejection.getUser()
        return user == null ? null : user.getId()?.toString()
    }
}
