// Prepares what JenkinsRule loads, as maven-hpi-plugin's test-hpl and resolve-test-dependencies goals do where that
// plugin is available (it is on repo.jenkins-ci.org only):
//   target/test-classes/test-dependencies/<artifactId>.hpi + index   every Jenkins plugin on the test class path
//   target/test-classes/the.jpl                                        this plugin, as an exploded plugin
// Run by gmavenplus in process-test-classes, with `project` and `session` bound.
import java.util.jar.Attributes
import java.util.jar.Manifest

File testClasses = new File(project.build.testOutputDirectory)
File pluginsDir = new File(testClasses, 'test-dependencies')
pluginsDir.deleteDir()
pluginsDir.mkdirs()

// A plugin's jar has its .hpi (or .jpi) beside it in the local repository: installed there by the Jenkins kit, or
// downloaded here from the Jenkins repository when the jar came from there.
File pluginArchive(artifact) {
    File sibling = ['hpi', 'jpi'].collect { new File(artifact.file.parentFile, artifact.file.name.replaceFirst(/\.jar$/, '.' + it)) }
            .find { it.isFile() }
    if (sibling != null || !(artifact.groupId ==~ /(org\.jenkins-ci|io\.jenkins|org\.jenkinsci)\.plugins.*/)) {
        return sibling
    }
    def system = session.container.lookup(org.eclipse.aether.RepositorySystem)
    def request = new org.eclipse.aether.resolution.ArtifactRequest(
            new org.eclipse.aether.artifact.DefaultArtifact(artifact.groupId, artifact.artifactId, 'hpi', artifact.version),
            project.remoteProjectRepositories, null)
    try {
        return system.resolveArtifact(session.repositorySession, request).artifact.file
    } catch (org.eclipse.aether.resolution.ArtifactResolutionException notAPlugin) {
        return null // a library published under a plugin group
    }
}

List<String> names = []
project.artifacts.findAll { it.type == 'jar' }.each { artifact ->
    File archive = pluginArchive(artifact)
    if (archive != null) {
        new File(pluginsDir, artifact.artifactId + '.hpi').bytes = archive.bytes
        names << artifact.artifactId
    }
}
new File(pluginsDir, 'index').text = names.collect { it + '\n' }.join('')

// The plugin under test: its classes, its resources, and the plugins it depends on (the same list as the .hpi's).
Manifest manifest = new Manifest()
Attributes attributes = manifest.mainAttributes
attributes.putValue('Manifest-Version', '1.0')
attributes.putValue('Short-Name', project.properties['hpi.shortName'])
attributes.putValue('Long-Name', project.name)
attributes.putValue('Plugin-Version', project.version)
attributes.putValue('Jenkins-Version', project.properties['jenkins.version'])
attributes.putValue('Plugin-Dependencies', project.properties['hpi.pluginDependencies'])
attributes.putValue('Libraries', new File(project.build.outputDirectory).absolutePath)
// Jenkins needs a static-resource folder even for a plugin that serves none.
File webapp = new File(project.basedir, 'src/main/webapp')
if (!webapp.isDirectory()) {
    webapp = new File(project.build.directory, 'no-webapp')
    webapp.mkdirs()
}
attributes.putValue('Resource-Path', webapp.absolutePath)
attributes.putValue('Minimum-Java-Version', project.properties['maven.compiler.release'])
new File(testClasses, 'the.jpl').withOutputStream { manifest.write(it) }
println "[jenkins-test-plugins] ${names.size()} plugins in ${pluginsDir}; the.jpl for ${project.properties['hpi.shortName']}"
