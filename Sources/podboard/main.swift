import Foundation
import PodboardCLI

exit(PodboardCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
