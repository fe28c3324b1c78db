import io.jenkins.plugins.deploygates.library.PromotionRecord

/** Writes the run's record to promotion-record.json in the workspace and archives it. Returns the file name. */
String call(Map args = [:]) {
    if (!(args.record instanceof PromotionRecord)) {
        error "[promotionRecord] setting 'record' must be the run's PromotionRecord (new PromotionRecord(env.JOB_NAME, env.BUILD_NUMBER, startMillis))"
    }
    String file = args.file ?: PromotionRecord.FILE
    writeFile(file: file, text: args.record.toJson())
    archiveArtifacts(artifacts: file, fingerprint: true)
    return file
}

/**
 * The commit the last successful run of {@code projectName} promoted, read from its archived record with
 * copyArtifacts, or null when there is no such record. The record is found in any archived folder (deployPipeline
 * keeps it in its report folder; older runs archived it at the top) and copied flat.
 */
String lastPromotedCommit(Map args = [:]) {
    if (!args.projectName) {
        error "[promotionRecord] setting 'projectName' is required: the deploy job whose promotion-record.json to read"
    }
    String target = 'deploy-gates-last-promotion'
    dir(target) {
        deleteDir() // a reused workspace still holds the record read last time
    }
    try {
        copyArtifacts(projectName: args.projectName, selector: lastSuccessful(), filter: "**/${PromotionRecord.FILE}".toString(),
                target: target, flatten: true, optional: true, fingerprintArtifacts: false)
    } catch (InterruptedException stopped) {
        throw stopped
    } catch (Exception refused) {
        // Copy Artifact refuses a job the deploy job did not name, whatever `optional` says
        error "[promotionRecord] cannot read ${PromotionRecord.FILE} of '${args.projectName}' (${refused.message?.readLines()?.getAt(0)}): " +
                "it must let this job copy its artifacts, e.g. deployPipeline(nightlyJob: '${env.JOB_NAME}')"
    }
    String path = "${target}/${PromotionRecord.FILE}"
    return fileExists(path) ? PromotionRecord.promotedCommit(readFile(path)) : null
}
