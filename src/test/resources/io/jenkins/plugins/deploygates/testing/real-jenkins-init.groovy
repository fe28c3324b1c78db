// Installed by RealJenkins into the kit's Jenkins (init.groovy.d, runs at every start; idempotent):
// - the Global Trusted Pipeline Library 'deploy-gates', retrieved by the git plugin from the throw-away repository
//   RealJenkins made of this checkout's vars/, src/io/ and resources/ (DEPLOY_GATES_LIBRARY_REPO), default version main
// - builds start at once (no quiet period), as a test that triggers one expects
import hudson.plugins.git.GitSCM
import jenkins.model.Jenkins
import jenkins.plugins.git.GitSCMSource
import org.jenkinsci.plugins.workflow.libs.GlobalLibraries
import org.jenkinsci.plugins.workflow.libs.LibraryConfiguration
import org.jenkinsci.plugins.workflow.libs.SCMSourceRetriever

def repo = System.getenv('DEPLOY_GATES_LIBRARY_REPO')
if (repo) {
    GitSCM.ALLOW_LOCAL_CHECKOUT = true // the repository is a local path; the git plugin refuses those otherwise
    def source = new GitSCMSource(repo)
    source.id = 'deploy-gates-library'
    def library = new LibraryConfiguration('deploy-gates', new SCMSourceRetriever(source))
    library.defaultVersion = 'main'
    library.implicit = false
    library.allowVersionOverride = true
    library.includeInChangesets = false
    def libraries = GlobalLibraries.get()
    libraries.libraries = libraries.libraries.findAll { it.name != 'deploy-gates' } + [library]
    libraries.save()
    println "[deploy-gates tests] global trusted library 'deploy-gates' -> ${repo} @ main"
}
Jenkins.get().quietPeriod = 0
Jenkins.get().save()
