words = sentence.split()
word_vocabulary = sorted(set(words))
word_to_index = {w: i for i, w in enumerate(word_vocabulary)}
word_encoded = [word_to_index[w] for w in words]
print(word_vocabulary)
print(word_encoded)
print(" ".join(word_vocabulary[i] for i in word_encoded))

char_vocabulary = sorted(set(sentence))
print(f"words:      {len(word_encoded)} symbols long, vocabulary of {len(word_vocabulary)}")
print(f"characters: {len(sentence)} symbols long, vocabulary of {len(char_vocabulary)}")
checkpoint(len(word_encoded) < len(sentence), "the word encoding is shorter than the character one")

# A new sentence adds new words to the word vocabulary; it can add new characters too, but far fewer
# of them as the text grows (a language has a few dozen letters and an open list of words):
new = "a bird flew over the mat"
print("new words:", sorted(set(new.split()) - set(word_vocabulary)))
print("new characters:", sorted(set(new) - set(char_vocabulary)))
