# cmake -DIN=file -DOUT=file.c -P EmbedFile.cmake
# Writes nerd_descriptor_set[] / nerd_descriptor_set_len for the bytes of IN.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
file(WRITE ${OUT}
  "/* Generated from nerd.proto by cmake/EmbedFile.cmake. */\n"
  "#include <stddef.h>\n"
  "const unsigned char nerd_descriptor_set[] = {${body}};\n"
  "const size_t nerd_descriptor_set_len = ${len};\n")
