import CNcursesw
import OneVoiceCore
