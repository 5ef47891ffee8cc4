import OneVoiceCore
print(OneVoiceVersion.string)
