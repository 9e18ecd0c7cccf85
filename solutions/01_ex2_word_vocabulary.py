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
print(f"the character encoding is {len(sentence) / len(word_encoded):.1f} times longer")

# A new sentence adds new words to the word vocabulary; it can add new characters too, but far fewer
# of them as the text grows (a language has a few dozen letters and an open list of words):
new = "a bird flew over the mat"
new_words = sorted(set(new.split()) - set(word_vocabulary))
new_chars = sorted(set(new) - set(char_vocabulary))
print("new words:", new_words)
print("new characters:", new_chars)
checkpoint(len(word_encoded) < len(sentence), "the word encoding is shorter than the character one")
# Reading: words give the shorter encoding (the ratio printed above is about the average word length
# plus one). On such a tiny text the word vocabulary is even the smaller one, and a new sentence still
# brings new characters. Over a real text the characters stop growing after a few dozen, while every new
# text brings new words: the word vocabulary becomes by far the larger one (Question 3).
